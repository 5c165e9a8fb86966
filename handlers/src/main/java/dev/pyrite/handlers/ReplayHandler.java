package dev.pyrite.handlers;

/**
 * Reuses the values of an earlier trace at the latent sample sites of the same names: the typical use
 * is scoring a model at a guide's draws. The replayed site also takes the earlier site's infer options.
 *
 * <pre>{@code
 * Trace guideTrace = Handlers.trace().getTrace(Handlers.seed(0).wrap(guide));
 * Trace modelTrace = Handlers.trace().getTrace(Handlers.replay(guideTrace).wrap(model));
 * Tensor elbo = modelTrace.logProbSum().sub(guideTrace.logProbSum());
 * }</pre>
 */
public final class ReplayHandler extends Handler<ReplayHandler> {
    private final Trace trace;

    ReplayHandler(Trace trace) {
        this.trace = trace;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type != MessageType.SAMPLE || msg.observed || !trace.contains(msg.name)) {
            return;
        }
        Message old = trace.site(msg.name);
        if (old.type != MessageType.SAMPLE || old.observed) {
            throw new IllegalArgumentException("site '" + msg.name + "'" + msg.platesSuffix()
                    + ": cannot replay it from a site that is " + (old.observed ? "observed" : "a " + old.type)
                    + " in the replayed trace");
        }
        msg.value = old.value;
        msg.infer.putAll(old.infer);
        msg.done = true;
    }
}
