package dev.pyrite.handlers;

import dev.pyrite.distributions.Distribution;
import java.util.function.Function;

/**
 * Turns parameters into random variables: a PARAM site for which the prior function gives a
 * distribution becomes a SAMPLE site from that prior (a Bayesian version of a model written with
 * parameters). Parameters with no prior (null) stay parameters.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(Handlers.seed(0).wrap(
 *         Handlers.lift(Map.of("sigma", Normal.of(0.0, 1.0))).wrap(model)));
 * // tr.site("sigma").type == SAMPLE
 * }</pre>
 */
public final class LiftHandler extends Handler<LiftHandler> {
    private final Function<String, Distribution> prior;

    LiftHandler(Function<String, Distribution> prior) {
        this.prior = prior;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type != MessageType.PARAM) {
            return;
        }
        Distribution d = prior.apply(msg.name);
        if (d != null) {
            msg.type = MessageType.SAMPLE;
            msg.distribution = d;
            msg.init = null;
            msg.constraint = null;
            msg.observed = false;
            // A value set by a handler inside (e.g. substitute) is kept, as a replayed draw would be.
            msg.done = msg.value != null;
        }
    }
}
