package dev.pyrite.tensor;

import java.util.function.Supplier;

/**
 * A setting that a run overrides for its own thread only, in nested scopes (as PyMC3's
 * {@code with model:} contexts nest): {@link #current()} is the value of the innermost open scope on the
 * calling thread, else the JVM-wide default. Two runs in two threads therefore never see each other's
 * settings, and a single-threaded program that opens no scope sees the default as before.
 *
 * <pre>{@code
 * ContextStack<String> unit = new ContextStack<>("unit", () -> "m");
 * try (ContextScope<String> outer = unit.enter("km")) {
 *     try (ContextScope<String> inner = unit.enter("mm")) {
 *         unit.current();                      // "mm": the inner scope shadows the outer one
 *     }
 *     unit.current();                          // "km": closing restores the parent
 * }
 * unit.current();                              // "m": the default, also in every other thread
 * }</pre>
 *
 * <p>Scopes are not inherited by threads a scope starts; a library that hands work to another thread
 * enters the value there itself.
 *
 * @param <T> the type of the setting
 */
public final class ContextStack<T> {
    private final String what;
    private final Supplier<T> fallback;
    private final ThreadLocal<ContextScope<T>> innermost = new ThreadLocal<>();

    /**
     * A stack whose value outside every scope is {@code fallback.get()} (read on every call, so the
     * default may change).
     *
     * @param what what the setting is, for error messages (e.g. "parameter store")
     */
    public ContextStack(String what, Supplier<T> fallback) {
        if (what == null || fallback == null) {
            throw new IllegalArgumentException("ContextStack needs a name and a fallback (got a null)");
        }
        this.what = what;
        this.fallback = fallback;
    }

    /** The value of the innermost open scope on this thread, else the default. */
    public T current() {
        ContextScope<T> s = innermost.get();
        return s == null ? fallback.get() : s.value();
    }

    /** True when this thread has an open scope. */
    public boolean isScoped() {
        return innermost.get() != null;
    }

    /**
     * Opens a scope on this thread in which {@link #current()} is {@code value}; close it (with
     * try-with-resources) on the same thread to restore the enclosing value.
     */
    public ContextScope<T> enter(T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " scope: value is null");
        }
        ContextScope<T> s = new ContextScope<>(this, value, innermost.get(), Thread.currentThread());
        innermost.set(s);
        return s;
    }

    /**
     * Pops {@code scope} and every scope opened inside it that is still open (a throwing body that did
     * not close them), so that closing a scope always restores the value it was entered on. A scope
     * closed before does nothing.
     */
    void exit(ContextScope<T> scope) {
        for (ContextScope<T> s = innermost.get(); s != null; s = s.parent()) {
            if (s == scope) {
                if (s.parent() == null) {
                    innermost.remove();   // keep nothing per pooled thread
                } else {
                    innermost.set(s.parent());
                }
                return;
            }
        }
    }

    String what() {
        return what;
    }
}
