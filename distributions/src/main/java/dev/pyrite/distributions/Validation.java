package dev.pyrite.distributions;

import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.ContextStack;

/**
 * Whether distributions check their arguments and values (on by default). Switch off for speed once a
 * model is known to be correct: {@code Validation.setEnabled(false)} for the whole JVM, or for one run on
 * one thread (other threads keep checking):
 *
 * <pre>{@code
 * try (ContextScope<Boolean> fast = Validation.scope(false)) {
 *     // this thread's distributions skip their checks
 * }
 * }</pre>
 */
public final class Validation {
    private static volatile boolean enabled = true;
    private static final ContextStack<Boolean> SCOPES = new ContextStack<>("validation", () -> enabled);

    private Validation() {
    }

    /** Whether checks run: the innermost {@link #scope} on this thread decides, else the JVM-wide switch. */
    public static boolean enabled() {
        return SCOPES.current();
    }

    /** Switches checking on or off for the whole JVM (threads inside a {@link #scope} keep theirs). */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Switches checking on or off on this thread until the returned scope is closed; scopes nest. */
    public static ContextScope<Boolean> scope(boolean on) {
        return SCOPES.enter(on);
    }
}
