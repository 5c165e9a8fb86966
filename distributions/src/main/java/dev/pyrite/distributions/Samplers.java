package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;

/**
 * Scalar samplers that {@link RandomStream} does not provide (binomial, von Mises), in plain double
 * arithmetic on concrete parameters. Every draw consumes outputs of the stream only, so it is
 * reproducible.
 */
final class Samplers {
    private Samplers() {
    }

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * log Gamma(x) for x > 0: Stirling's series to the x^-11 term after shifting x up to at least 10 by
     * the recurrence Gamma(x + 1) = x Gamma(x); absolute error below 1e-13.
     */
    static double logGamma(double x) {
        double shift = 0.0;
        while (x < 10.0) {
            shift += Math.log(x);
            x += 1.0;
        }
        double r = 1.0 / x;
        double r2 = r * r;
        // Bernoulli-number coefficients B_2k / (2k (2k - 1)).
        double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
                - r2 * (1.0 / 1188 - r2 * (691.0 / 360360))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
    }

    /** A uniform double in the open interval (0, 1). */
    static double openUniform(RandomStream stream) {
        double u;
        do {
            u = stream.uniformDouble();
        } while (u == 0.0);
        return u;
    }

    /**
     * A Binomial(n, p) count. Small means (n min(p, 1-p) < 10) invert the distribution function by
     * sequential search from 0; larger ones use Hörmann's transformed rejection with squeeze (BTRS,
     * "The generation of binomial random variates", J. Stat. Comput. Simul. 46, 1993), whose expected
     * number of uniforms is bounded in n.
     */
    static double binomial(RandomStream stream, double n, double p) {
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(stream, n, 1 - p);
        }
        double q = 1 - p;
        if (n * p < 10) {
            return binomialInversion(stream, n, p, q);
        }
        double spq = Math.sqrt(n * p * q);
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double lpq = Math.log(p / q);
        double m = Math.floor((n + 1) * p);
        double h = logGamma(m + 1) + logGamma(n - m + 1);
        while (true) {
            double u = stream.uniformDouble() - 0.5;
            double v = stream.uniformDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (v == 0) {
                continue;
            }
            double lv = Math.log(v * alpha / (a / (us * us) + b));
            if (lv <= h - logGamma(k + 1) - logGamma(n - k + 1) + (k - m) * lpq) {
                return k;
            }
        }
    }

    private static double binomialInversion(RandomStream stream, double n, double p, double q) {
        double ratio = p / q;
        double pmf = Math.exp(n * Math.log1p(-p));
        double u = stream.uniformDouble();
        double k = 0;
        // The cumulative sum only falls short of u through round-off; stop at n in that case.
        while (u >= pmf && k < n) {
            u -= pmf;
            pmf *= ratio * (n - k) / (k + 1);
            k++;
        }
        return k;
    }

    /**
     * A von Mises angle centred on 0, in [-pi, pi], with concentration {@code kappa > 0}: the wrapped
     * Cauchy envelope rejection of Best and Fisher ("Efficient simulation of the von Mises
     * distribution", Appl. Statist. 28, 1979). Very small concentrations are sampled as uniform angles,
     * which they equal to within round-off.
     */
    static double vonMises(RandomStream stream, double kappa) {
        if (kappa < 1e-8) {
            return Math.PI * (2 * stream.uniformDouble() - 1);
        }
        double tau = 1 + Math.sqrt(1 + 4 * kappa * kappa);
        double rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa);
        double r = (1 + rho * rho) / (2 * rho);
        while (true) {
            double z = Math.cos(Math.PI * stream.uniformDouble());
            double f = (1 + r * z) / (r + z);
            double c = kappa * (r - f);
            double u2 = stream.uniformDouble();
            double u3 = stream.uniformDouble();
            if (c * (2 - c) - u2 > 0 || (u2 > 0 && Math.log(c / u2) + 1 - c >= 0)) {
                double theta = Math.acos(Math.max(-1, Math.min(1, f)));
                return u3 < 0.5 ? -theta : theta;
            }
        }
    }
}
