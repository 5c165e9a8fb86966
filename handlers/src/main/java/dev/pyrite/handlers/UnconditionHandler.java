package dev.pyrite.handlers;

/**
 * Turns observed sample sites back into latent ones: their values are drawn instead (the observation is
 * kept in the infer options {@code "obs"}, with {@code "was_observed" -> true}). Useful to simulate data
 * from a model written with its observations, or for prior predictive checks.
 *
 * <pre>{@code
 * Trace fake = Handlers.trace().getTrace(Handlers.uncondition().wrap(Handlers.seed(3).wrap(model)));
 * }</pre>
 */
public final class UnconditionHandler extends Handler<UnconditionHandler> {

    UnconditionHandler() {
    }

    @Override
    protected void process(Message msg) {
        if (msg.type == MessageType.SAMPLE && msg.observed) {
            msg.infer.put("was_observed", true);
            msg.infer.put("obs", msg.value);
            msg.observed = false;
            msg.value = null;
            msg.done = false;
        }
    }
}
