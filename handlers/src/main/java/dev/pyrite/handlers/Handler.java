package dev.pyrite.handlers;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An effect handler: a small object on the thread's {@link HandlerStack} that sees every
 * {@link Message} a model sends. {@link #process} runs from the innermost handler outward before the
 * default behaviour, {@link #postprocess} from the outermost inward after it. A handler overrides one or
 * two of these hooks.
 *
 * <p>A handler is entered with {@link #enter()} (use try-with-resources, so it always leaves the stack,
 * also when the model throws) or wraps a model with {@link #wrap}/{@link #call}. The type parameter is
 * the handler's own class, so that {@code enter()} returns it:
 *
 * <pre>{@code
 * try (TraceHandler tr = Handlers.trace().enter(); SeedHandler s = Handlers.seed(0).enter()) {
 *     Pyrite.sample("x", Normal.of(0.0, 1.0));
 *     Tensor x = tr.trace().value("x");
 * }
 * }</pre>
 *
 * <p>Handler instances are not thread-safe: each thread enters its own (each thread has its own stack).
 *
 * @param <H> the handler's own class
 */
public abstract class Handler<H extends Handler<H>> implements AutoCloseable {

    /** Sees the message on its way in (innermost handler first); may rewrite it, or set done/stop. */
    protected void process(Message msg) {
    }

    /** Sees the message on its way out (outermost handler first), after the default behaviour. */
    protected void postprocess(Message msg) {
    }

    /** Runs when the handler is entered, before it is pushed (e.g. a trace starts empty). */
    protected void onEnter() {
    }

    /** Runs after the handler left the stack. */
    protected void onExit() {
    }

    /**
     * Forgets what this run recorded. Sequential enumeration calls it on the handlers outside the queue
     * when it abandons a partial run, so that a trace around the queue records only the complete run.
     */
    protected void reset() {
    }

    /** Pushes this handler on the current thread's stack and returns it. */
    public final H enter() {
        if (HandlerStack.contains(this)) {
            throw new IllegalStateException(getClass().getSimpleName() + " is already on the handler stack");
        }
        onEnter();
        HandlerStack.push(this);
        return self();
    }

    /** Pops this handler (and anything a failed model left above it); does nothing if it is not entered. */
    @Override
    public final void close() {
        if (HandlerStack.pop(this)) {
            onExit();
        }
    }

    /** Runs {@code model} with this handler entered and returns its result. */
    public <T> T call(Supplier<T> model) {
        try (H h = enter()) {
            return model.get();
        }
    }

    /** Runs {@code model} with this handler entered. */
    public void run(Runnable model) {
        call(() -> {
            model.run();
            return null;
        });
    }

    /** The model as a function that enters this handler around every call. */
    public <T> Supplier<T> wrap(Supplier<T> model) {
        return () -> call(model);
    }

    /** The model as a function that enters this handler around every call. */
    public Runnable wrap(Runnable model) {
        return () -> run(model);
    }

    /** The model (a function of its data) as a function that enters this handler around every call. */
    public <A, T> Function<A, T> wrap(Function<A, T> model) {
        return a -> call(() -> model.apply(a));
    }

    @SuppressWarnings("unchecked")
    private H self() {
        return (H) this;
    }
}
