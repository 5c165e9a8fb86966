package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;
import java.util.function.Function;

/**
 * Gives latent SAMPLE and PARAM sites fixed values without observing them: the site keeps its place in
 * the trace as a latent (or a parameter) but takes the value given. Inference uses it to evaluate a
 * model at a point, e.g. at traced tensors to get a differentiable log joint. The values come from a
 * function of the message (null: leave the site alone), so any lookup works.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(
 *         Handlers.substitute(Map.of("mu", Tensor.scalar(0.3))).wrap(model));
 * }</pre>
 */
public final class SubstituteHandler extends Handler<SubstituteHandler> {
    private final Function<Message, Tensor> values;

    SubstituteHandler(Function<Message, Tensor> values) {
        this.values = values;
    }

    @Override
    protected void process(Message msg) {
        boolean latent = msg.type == MessageType.SAMPLE && !msg.observed;
        if (latent || msg.type == MessageType.PARAM) {
            Tensor v = values.apply(msg);
            if (v != null) {
                msg.value = v;
                msg.done = true;
            }
        }
    }
}
