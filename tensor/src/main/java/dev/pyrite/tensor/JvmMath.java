package dev.pyrite.tensor;

/**
 * Element functions for the JVM executor built on the two that HotSpot compiles to machine code
 * ({@code Math.exp}, {@code Math.log}); {@code Math.log1p}, {@code expm1} and {@code tanh} are calls
 * into fdlibm at several times their cost. Each is within a few ulps (W. Kahan's correction of the
 * rounding of 1 + x, as in Goldberg, "What every computer scientist should know about floating-point
 * arithmetic", 1991, theorem 4). Public because the JVM executor's generated programs call it.
 */
public final class JvmMath {
    private JvmMath() {
    }

    /** log(1 + x). */
    public static double log1p(double x) {
        double u = 1.0 + x;
        if (u == 1.0) {
            return x;
        }
        if (u == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        return Math.log(u) * (x / (u - 1.0));
    }

    /** exp(x) - 1. */
    public static double expm1(double x) {
        double u = Math.exp(x);
        if (u == 1.0) {
            return x;
        }
        double um1 = u - 1.0;
        if (um1 == -1.0) {
            return -1.0;
        }
        if (u == Double.POSITIVE_INFINITY) {
            return u;
        }
        return um1 * (x / Math.log(u));
    }

    /** tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), signed. */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a > 22) {
            return Math.copySign(1.0, x);
        }
        double e = expm1(-2 * a);
        return Math.copySign(-e / (2 + e), x);
    }

    /** libnd4j's maximum: {@code x > y ? x : y} (a NaN on the left gives the right). */
    public static double max(double x, double y) {
        return x > y ? x : y;
    }

    /** libnd4j's minimum: {@code x < y ? x : y}. */
    public static double min(double x, double y) {
        return x < y ? x : y;
    }
}
