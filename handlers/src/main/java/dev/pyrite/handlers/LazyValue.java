package dev.pyrite.handlers;

import java.util.function.Supplier;

/**
 * A value that is computed only when asked for, at most once. The {@link LazyHandler} turns sample and
 * apply messages into lazy values, so a model run under it builds an expression instead of computing.
 *
 * <pre>{@code
 * LazyValue v = new LazyValue("answer", () -> Tensor.scalar(42.0));
 * Tensor t = (Tensor) v.evaluate();   // computed now
 * }</pre>
 */
public final class LazyValue {
    private final String description;
    private Supplier<Object> thunk;
    private Object value;

    public LazyValue(String description, Supplier<Object> thunk) {
        this.description = description;
        this.thunk = thunk;
    }

    /** The value, computed on the first call (a lazy result is evaluated in turn). */
    public synchronized Object evaluate() {
        if (thunk != null) {
            value = force(thunk.get());
            thunk = null;   // drop the closure: it may hold large tensors
        }
        return value;
    }

    public synchronized boolean isEvaluated() {
        return thunk == null;
    }

    /** {@code v} itself, or its value if it is lazy. */
    public static Object force(Object v) {
        return v instanceof LazyValue l ? l.evaluate() : v;
    }

    /** Every argument forced. */
    static Object[] forceAll(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = force(args[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "LazyValue(" + description + ")";
    }
}
