package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * An intervention, Pearl's do-operator (Pyro's {@code poutine.do}): the named sample sites are set to
 * the given values for everything downstream, but unlike {@code condition} nothing is observed. Each
 * intervened site is split in two: the original site is still drawn (or scored) under its own name and
 * seen by outer handlers, while the model continues with the intervention value, recorded only inside
 * this handler as {@code name + "__CF"} (counterfactual).
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(Handlers.seed(0).wrap(
 *         Handlers.intervene(Map.of("z", Tensor.scalar(1.0))).wrap(model)));
 * // sites downstream of z saw z = 1; tr.value("z") is z's own draw
 * }</pre>
 */
public final class DoHandler extends Handler<DoHandler> {
    /** Suffix of the name under which the intervened value is recorded. */
    public static final String SUFFIX = "__CF";

    private final Map<String, Tensor> data;

    DoHandler(Map<String, Tensor> data) {
        this.data = Map.copyOf(data);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type != MessageType.SAMPLE || msg.intervener == this || !data.containsKey(msg.name)) {
            return;
        }
        // The original site goes through the whole stack again; this handler lets it pass.
        Message original = msg.copy();
        original.intervener = this;
        original.frames.clear();   // the plates inside add their frames (and scales) again
        original.scale = null;
        original.mask = null;
        original.clearLogProb();
        HandlerStack.send(original);

        msg.name = msg.name + SUFFIX;
        msg.value = data.get(original.name);
        msg.observed = true;
        msg.stop = true;   // outer handlers see the original site only
    }
}
