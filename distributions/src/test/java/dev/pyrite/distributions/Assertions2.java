package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.fail;

/** Numeric assertions with the error measures the distribution tests use. */
final class Assertions2 {
    private Assertions2() {
    }

    /** |actual - expected| <= tol * max(1, |expected|); infinities must match exactly. */
    static void close(double expected, double actual, double tol, String what) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            if (Double.compare(expected, actual) != 0) {
                fail(what + ": expected " + expected + ", got " + actual);
            }
            return;
        }
        double err = Math.abs(actual - expected);
        if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
            fail(what + ": expected " + expected + ", got " + actual + " (error " + err + ")");
        }
    }

    /** |actual - expected| <= tol * |expected|. */
    static void relative(double expected, double actual, double tol, String what) {
        double err = Math.abs(actual - expected);
        if (!(err <= tol * Math.abs(expected)) && !(expected == actual)) {
            fail(what + ": expected " + expected + ", got " + actual + " (relative error " + err / Math.abs(expected) + ")");
        }
    }
}
