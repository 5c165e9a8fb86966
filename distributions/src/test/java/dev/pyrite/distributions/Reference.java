package dev.pyrite.distributions;

import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;

/**
 * An independent univariate oracle: Apache Commons Statistics' implementation of a family, or one
 * built from it (half, shifted and scaled, inverted) by a change of variables written in the test.
 */
interface Reference {
    /** Log density (continuous) or log mass (discrete) at x. */
    double logDensity(double x);

    double cdf(double x);

    /** Quantile; for discrete families the smallest integer whose cdf reaches p. */
    double icdf(double p);

    double mean();

    double variance();

    static Reference of(ContinuousDistribution d) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return d.logDensity(x);
            }

            @Override
            public double cdf(double x) {
                return d.cumulativeProbability(x);
            }

            @Override
            public double icdf(double p) {
                return d.inverseCumulativeProbability(p);
            }

            @Override
            public double mean() {
                return d.getMean();
            }

            @Override
            public double variance() {
                return d.getVariance();
            }
        };
    }

    static Reference of(DiscreteDistribution d) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return d.logProbability((int) x);
            }

            @Override
            public double cdf(double x) {
                return d.cumulativeProbability((int) Math.floor(x));
            }

            @Override
            public double icdf(double p) {
                return d.inverseCumulativeProbability(p);
            }

            @Override
            public double mean() {
                return d.getMean();
            }

            @Override
            public double variance() {
                return d.getVariance();
            }
        };
    }

    /** The distribution of |X| for X symmetric about 0 with reference {@code d}. */
    static Reference folded(ContinuousDistribution d) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return Math.log(2) + d.logDensity(x);
            }

            @Override
            public double cdf(double x) {
                return 1 - 2 * d.survivalProbability(x);
            }

            @Override
            public double icdf(double p) {
                return d.inverseSurvivalProbability((1 - p) / 2);
            }

            @Override
            public double mean() {
                return Double.NaN;
            }

            @Override
            public double variance() {
                return Double.NaN;
            }
        };
    }

    /** The distribution of loc + scale X for X with reference {@code d}. */
    static Reference locScale(ContinuousDistribution d, double loc, double scale) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return d.logDensity((x - loc) / scale) - Math.log(scale);
            }

            @Override
            public double cdf(double x) {
                return d.cumulativeProbability((x - loc) / scale);
            }

            @Override
            public double icdf(double p) {
                return loc + scale * d.inverseCumulativeProbability(p);
            }

            @Override
            public double mean() {
                return loc + scale * d.getMean();
            }

            @Override
            public double variance() {
                return scale * scale * d.getVariance();
            }
        };
    }

    /** The distribution of 1 / X for a positive X with reference {@code d}. */
    static Reference inverse(ContinuousDistribution d) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return d.logDensity(1 / x) - 2 * Math.log(x);
            }

            @Override
            public double cdf(double x) {
                return d.survivalProbability(1 / x);
            }

            @Override
            public double icdf(double p) {
                return 1 / d.inverseSurvivalProbability(p);
            }

            @Override
            public double mean() {
                return Double.NaN;
            }

            @Override
            public double variance() {
                return Double.NaN;
            }
        };
    }

    /** {@code r} with the given mean and variance (for references built by a change of variables). */
    static Reference withMoments(Reference r, double mean, double variance) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return r.logDensity(x);
            }

            @Override
            public double cdf(double x) {
                return r.cdf(x);
            }

            @Override
            public double icdf(double p) {
                return r.icdf(p);
            }

            @Override
            public double mean() {
                return mean;
            }

            @Override
            public double variance() {
                return variance;
            }
        };
    }
}
