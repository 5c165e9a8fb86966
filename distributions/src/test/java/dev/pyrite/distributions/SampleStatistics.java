package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Moment and goodness-of-fit checks of draws, with standard errors estimated from the draws. */
final class SampleStatistics {
    private SampleStatistics() {
    }

    /** Number of standard errors allowed. */
    static final double Z = 5.0;
    /**
     * sqrt(n) D above this rejects at the 1e-5 level: the Kolmogorov distribution's tail is
     * P(K > x) ~ 2 exp(-2 x^2), so x = sqrt(ln(2e5) / 2). SamplingTest runs about a hundred KS checks,
     * so the whole class fails by chance with probability about 1e-3 for a given seed.
     */
    static final double KS_CRITICAL = 2.47;

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double centralMoment(double[] x, double m, int k) {
        double s = 0;
        for (double v : x) {
            s += Math.pow(v - m, k);
        }
        return s / x.length;
    }

    /** Sample mean within Z standard errors of {@code expected}. */
    static void checkMean(double[] x, double expected, String what) {
        double m = mean(x);
        double se = Math.sqrt(centralMoment(x, m, 2) / x.length);
        if (!(Math.abs(m - expected) <= Z * se + 1e-9 * Math.max(1, Math.abs(expected)))) {
            fail(what + ": sample mean " + m + ", expected " + expected + " (standard error " + se + ")");
        }
    }

    /** Sample variance within Z standard errors of {@code expected}; the error uses the fourth moment. */
    static void checkVariance(double[] x, double expected, String what) {
        double m = mean(x);
        double v = centralMoment(x, m, 2);
        double m4 = centralMoment(x, m, 4);
        double se = Math.sqrt(Math.max(m4 - v * v, 0) / x.length);
        if (!(Math.abs(v - expected) <= Z * se + 1e-9 * Math.max(1, Math.abs(expected)))) {
            fail(what + ": sample variance " + v + ", expected " + expected + " (standard error " + se + ")");
        }
    }

    static void checkMoments(double[] x, double mean, double variance, String what) {
        checkMean(x, mean, what);
        checkVariance(x, variance, what);
    }

    /**
     * Kolmogorov-Smirnov: the largest gap between the empirical distribution function and {@code cdf}.
     * For discrete distributions the test is conservative (evaluated at the jumps, from the left and the
     * right).
     */
    static void checkKolmogorovSmirnov(double[] x, DoubleUnaryOperator cdf, boolean discrete, String what) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && s[j] == s[i]) {
                j++;
            }
            double f = cdf.applyAsDouble(s[i]);
            double below = discrete ? cdf.applyAsDouble(s[i] - 0.5) : f;
            d = Math.max(d, Math.max(Math.abs((double) j / n - f), Math.abs((double) i / n - below)));
            i = j;
        }
        double stat = Math.sqrt(n) * d;
        if (!(stat <= KS_CRITICAL)) {
            fail(what + ": Kolmogorov-Smirnov sqrt(n) D = " + stat + " > " + KS_CRITICAL);
        }
    }
}
