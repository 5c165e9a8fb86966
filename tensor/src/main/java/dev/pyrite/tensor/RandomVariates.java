package dev.pyrite.tensor;

/**
 * Scalar sampling algorithms on top of a {@link RandomStream}'s uniform bits. Every method
 * consumes a deterministic function of the stream's output, and all transcendental functions are
 * {@link StrictMath}'s, so a given stream state yields bit-identical draws on every JVM and CPU.
 */
final class RandomVariates {

    private static final double DOUBLE_ULP = 0x1.0p-53;
    private static final double HALF_LOG_TWO_PI = 0.5 * StrictMath.log(2.0 * Math.PI);

    /** Rates below this use inversion, rates from it on PTRS (as in Hörmann's paper). */
    static final double POISSON_PTRS_THRESHOLD = 10.0;

    private static final int LOG_FACTORIAL_TABLE_SIZE = 256;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_TABLE_SIZE];

    static {
        for (int k = 1; k < LOG_FACTORIAL_TABLE_SIZE; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + StrictMath.log(k);
        }
    }

    private RandomVariates() {}

    /** A uniform double in [0, 1) from the top 53 bits of one output. */
    static double uniform(RandomStream rs) {
        return (rs.nextLong() >>> 11) * DOUBLE_ULP;
    }

    /** A uniform double in (0, 1] from the top 53 bits of one output; safe to take the log of. */
    static double uniformOpenZero(RandomStream rs) {
        return ((rs.nextLong() >>> 11) + 1) * DOUBLE_ULP;
    }

    /**
     * Two independent standard normals by Marsaglia's polar form of the Box-Muller transform
     * (G. Marsaglia and T. A. Bray, "A convenient method for generating normal variables", SIAM
     * Review 6(3), 1964), written into {@code out[at]} and, if it exists, {@code out[at + 1]}.
     * Each attempt consumes two outputs and is accepted with probability pi/4; only one logarithm
     * and no trigonometric function is needed per pair.
     */
    static void normalPair(RandomStream rs, double[] out, int at) {
        double u;
        double v;
        double s;
        do {
            u = 2.0 * uniform(rs) - 1.0;
            v = 2.0 * uniform(rs) - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double f = Math.sqrt(-2.0 * StrictMath.log(s) / s);
        out[at] = u * f;
        if (at + 1 < out.length) {
            out[at + 1] = v * f;
        }
    }

    /** One standard normal: the first of a polar pair (the second is dropped; no hidden cache). */
    static double normal(RandomStream rs) {
        double u;
        double v;
        double s;
        do {
            u = 2.0 * uniform(rs) - 1.0;
            v = 2.0 * uniform(rs) - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        return u * Math.sqrt(-2.0 * StrictMath.log(s) / s);
    }

    /**
     * A standard gamma variate (shape {@code alpha}, rate 1). See {@link #logGamma}; for
     * {@code alpha < 1} the result can underflow to 0, which callers clamp.
     */
    static double gamma(RandomStream rs, double alpha) {
        if (alpha >= 1.0) {
            return marsagliaTsang(rs, alpha);
        }
        return StrictMath.exp(logGamma(rs, alpha));
    }

    /**
     * The logarithm of a standard gamma variate with shape {@code alpha > 0}, by Marsaglia and
     * Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000. For
     * {@code alpha < 1} it uses their boost: if G ~ Gamma(alpha + 1) and U ~ U(0, 1] then
     * G U^(1/alpha) ~ Gamma(alpha); working in logs keeps tiny values (which underflow a double
     * for small alpha) usable, e.g. for the beta ratio.
     */
    static double logGamma(RandomStream rs, double alpha) {
        if (alpha >= 1.0) {
            return StrictMath.log(marsagliaTsang(rs, alpha));
        }
        double g = marsagliaTsang(rs, alpha + 1.0);
        return StrictMath.log(g) + StrictMath.log(uniformOpenZero(rs)) / alpha;
    }

    /** Marsaglia-Tsang squeeze/rejection for {@code alpha >= 1}; the result is positive. */
    private static double marsagliaTsang(RandomStream rs, double alpha) {
        double d = alpha - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(rs);
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = uniformOpenZero(rs);
            double x2 = x * x;
            // Squeeze: accepts about 98% of the time without a logarithm.
            if (u < 1.0 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (StrictMath.log(u) < 0.5 * x2 + d * (1.0 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * A beta variate as Ga / (Ga + Gb) with independent standard gammas, computed from their
     * logarithms as 1 / (1 + exp(log Gb - log Ga)) so small shapes neither underflow nor give 0/0.
     * The result lies in [0, 1]; callers clamp it into the open interval.
     */
    static double beta(RandomStream rs, double a, double b) {
        double la = logGamma(rs, a);
        double lb = logGamma(rs, b);
        return 1.0 / (1.0 + StrictMath.exp(lb - la));
    }

    /**
     * A Poisson variate with mean {@code rate >= 0}: sequential-search inversion (one uniform)
     * for rates below {@value #POISSON_PTRS_THRESHOLD}, otherwise PTRS, the transformed rejection
     * with squeeze of W. Hörmann, "The transformed rejection method for generating Poisson random
     * variables", Insurance: Mathematics and Economics 12(1), 1993.
     */
    static long poisson(RandomStream rs, double rate) {
        if (rate == 0.0) {
            return 0L;
        }
        return rate < POISSON_PTRS_THRESHOLD ? poissonInversion(rs, rate) : poissonPtrs(rs, rate);
    }

    private static long poissonInversion(RandomStream rs, double rate) {
        double u = uniform(rs);
        double p = StrictMath.exp(-rate);
        double cdf = p;
        long k = 0;
        while (u > cdf) {
            k++;
            p *= rate / k;
            double next = cdf + p;
            // Round-off can leave the summed CDF a few ulps below 1; past the mean, once the terms
            // no longer change it, the remaining tail mass is below 1e-15 and we stop there.
            if (next == cdf && k > rate) {
                break;
            }
            cdf = next;
        }
        return k;
    }

    private static long poissonPtrs(RandomStream rs, double rate) {
        double sqrtRate = Math.sqrt(rate);
        double logRate = StrictMath.log(rate);
        double b = 0.931 + 2.53 * sqrtRate;
        double a = -0.059 + 0.02483 * b;
        double logInvAlpha = StrictMath.log(1.1239 + 1.1328 / (b - 3.4));
        double vr = 0.9277 - 3.6224 / (b - 2.0);
        while (true) {
            double u = uniform(rs) - 0.5;
            double v = uniform(rs);
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2.0 * a / us + b) * u + rate + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (long) k;
            }
            if (k < 0.0 || (us < 0.013 && v > us)) {
                continue;
            }
            // v == 0 (probability 2^-53) gives log v = -infinity, i.e. acceptance: the correct limit.
            double lhs = StrictMath.log(v) + logInvAlpha - StrictMath.log(a / (us * us) + b);
            double rhs = -rate + k * logRate - logFactorial((long) k);
            if (lhs <= rhs) {
                return (long) k;
            }
        }
    }

    /**
     * log(k!) for {@code k >= 0}: a table of summed logarithms below 256, otherwise Stirling's
     * series to the k^-5 term (truncation error below 1e-19 there).
     */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL_TABLE_SIZE) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = (double) k;
        double inv = 1.0 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 / 1260.0));
        return (x + 0.5) * StrictMath.log(x) - x + HALF_LOG_TWO_PI + series;
    }
}
