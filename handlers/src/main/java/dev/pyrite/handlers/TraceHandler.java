package dev.pyrite.handlers;

import java.util.function.Supplier;

/**
 * Records every SAMPLE, PARAM, FACTOR and DETERMINISTIC message, as it leaves the stack, into a
 * {@link Trace} (APPLY messages are effects, not sites, and are not recorded). Each entry starts a new
 * trace.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(Handlers.seed(1).wrap(() -> {
 *     Pyrite.sample("x", Normal.of(0.0, 1.0));
 * }));
 * Tensor x = tr.value("x");
 * }</pre>
 */
public final class TraceHandler extends Handler<TraceHandler> {
    private Trace trace = new Trace();

    TraceHandler() {
    }

    @Override
    protected void onEnter() {
        trace = new Trace();
    }

    @Override
    protected void reset() {
        trace = new Trace();
    }

    @Override
    protected void postprocess(Message msg) {
        if (msg.type != MessageType.APPLY) {
            trace.add(msg.copy());
        }
    }

    /** The trace of the latest run (complete once the handler is closed). */
    public Trace trace() {
        return trace;
    }

    /** Runs {@code model} under this handler and returns its trace. */
    public Trace getTrace(Runnable model) {
        run(model);
        return trace;
    }

    /** Runs {@code model} under this handler and returns its trace. */
    public Trace getTrace(Supplier<?> model) {
        call(model);
        return trace;
    }
}
