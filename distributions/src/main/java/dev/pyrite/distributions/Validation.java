package dev.pyrite.distributions;

/**
 * Whether distributions check their arguments and values (on by default). Switch off for speed once a
 * model is known to be correct: {@code Validation.setEnabled(false)}.
 */
public final class Validation {
    private static volatile boolean enabled = true;

    private Validation() {
    }

    public static boolean enabled() {
        return enabled;
    }

    public static void setEnabled(boolean on) {
        enabled = on;
    }
}
