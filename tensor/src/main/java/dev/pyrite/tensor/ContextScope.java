package dev.pyrite.tensor;

/**
 * One open scope of a {@link ContextStack} on one thread: while open (and innermost) the stack's
 * {@code current()} is {@link #value()} on that thread. Closing it restores its parent (and closes any
 * scope opened inside it and left open); closing twice does nothing. Use try-with-resources.
 *
 * @param <T> the type of the setting
 */
public final class ContextScope<T> implements AutoCloseable {
    private final ContextStack<T> stack;
    private final T value;
    private final ContextScope<T> parent;
    private final Thread owner;

    ContextScope(ContextStack<T> stack, T value, ContextScope<T> parent, Thread owner) {
        this.stack = stack;
        this.value = value;
        this.parent = parent;
        this.owner = owner;
    }

    /** The value this scope sets. */
    public T value() {
        return value;
    }

    /** The scope this one was opened inside, or null when it is outermost on its thread. */
    public ContextScope<T> parent() {
        return parent;
    }

    /**
     * Leaves the scope.
     *
     * @throws IllegalStateException when called on another thread than the one that opened it
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(stack.what() + " scope opened on thread '" + owner.getName()
                    + "' cannot be closed on thread '" + Thread.currentThread().getName() + "'");
        }
        stack.exit(this);
    }
}
