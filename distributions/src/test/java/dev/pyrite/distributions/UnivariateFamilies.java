package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.GeometricDistribution;
import org.apache.commons.statistics.distribution.PascalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.commons.statistics.distribution.UniformDiscreteDistribution;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.GumbelDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.LogisticDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.ParetoDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.apache.commons.statistics.distribution.WeibullDistribution;

/**
 * The table of univariate families shared by the log-density, sampling and shape tests: how to draw
 * random parameters, how to build the family from parameter tensors, and the independent reference.
 */
final class UnivariateFamilies {
    private UnivariateFamilies() {
    }

    /**
     * One family. {@code sampling} holds a few fixed parameter tuples for the sampling tests (moments
     * must have finite fourth moments there so the variance has a standard error).
     */
    record Family(String name, List<ToDoubleFunction<Random>> params, Function<Tensor[], Distribution> ours,
                  Function<double[], Reference> reference, boolean discrete, boolean cdf, boolean icdf,
                  boolean moments, double[][] sampling) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ToDoubleFunction<Random> uniform(double lo, double hi) {
        return r -> lo + (hi - lo) * r.nextDouble();
    }

    static ToDoubleFunction<Random> logUniform(double lo, double hi) {
        return r -> Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r.nextDouble());
    }

    static ToDoubleFunction<Random> integers(int lo, int hi) {
        return r -> lo + r.nextInt(hi - lo + 1);
    }

    private static Family continuous(String name, List<ToDoubleFunction<Random>> params,
                                     Function<Tensor[], Distribution> ours, Function<double[], Reference> reference,
                                     boolean cdf, double[]... sampling) {
        return new Family(name, params, ours, reference, false, cdf, cdf, true, sampling);
    }

    static List<Family> continuous() {
        return List.of(
                continuous("Normal", List.of(uniform(-5, 5), logUniform(0.1, 10)), p -> Normal.of(p[0], p[1]),
                        p -> Reference.of(NormalDistribution.of(p[0], p[1])), true, new double[]{1.5, 2.0}),
                continuous("LogNormal", List.of(uniform(-2, 2), logUniform(0.1, 2)), p -> LogNormal.of(p[0], p[1]),
                        p -> Reference.of(LogNormalDistribution.of(p[0], p[1])), true, new double[]{0.3, 0.4}),
                continuous("HalfNormal", List.of(logUniform(0.1, 10)), p -> HalfNormal.of(p[0]),
                        p -> Reference.withMoments(Reference.folded(NormalDistribution.of(0, p[0])),
                                p[0] * Math.sqrt(2 / Math.PI), p[0] * p[0] * (1 - 2 / Math.PI)), true, new double[]{2.0}),
                new Family("Cauchy", List.of(uniform(-5, 5), logUniform(0.1, 10)), p -> Cauchy.of(p[0], p[1]),
                        p -> Reference.of(CauchyDistribution.of(p[0], p[1])), false, true, true, false,
                        new double[][]{{1.0, 2.0}}),
                new Family("HalfCauchy", List.of(logUniform(0.1, 10)), p -> HalfCauchy.of(p[0]),
                        p -> Reference.folded(CauchyDistribution.of(0, p[0])), false, true, true, false,
                        new double[][]{{1.5}}),
                new Family("StudentT", List.of(logUniform(0.5, 50), uniform(-5, 5), logUniform(0.1, 10)),
                        p -> StudentT.of(p[0], p[1], p[2]),
                        p -> Reference.locScale(TDistribution.of(p[0]), p[1], p[2]), false, false, false, true,
                        new double[][]{{9.0, 1.0, 2.0}}),
                continuous("Laplace", List.of(uniform(-5, 5), logUniform(0.1, 10)), p -> Laplace.of(p[0], p[1]),
                        p -> Reference.of(LaplaceDistribution.of(p[0], p[1])), true, new double[]{-1.0, 0.5}),
                continuous("Logistic", List.of(uniform(-5, 5), logUniform(0.1, 10)), p -> Logistic.of(p[0], p[1]),
                        p -> Reference.of(LogisticDistribution.of(p[0], p[1])), true, new double[]{2.0, 0.7}),
                continuous("Gumbel", List.of(uniform(-5, 5), logUniform(0.1, 10)), p -> Gumbel.of(p[0], p[1]),
                        p -> Reference.of(GumbelDistribution.of(p[0], p[1])), true, new double[]{0.5, 1.5}),
                continuous("Uniform", List.of(uniform(-5, 0), uniform(0.1, 5)), p -> Uniform.of(p[0], p[1]),
                        p -> Reference.of(UniformContinuousDistribution.of(p[0], p[1])), true, new double[]{-1.0, 3.0}),
                continuous("Exponential", List.of(logUniform(0.1, 10)), p -> Exponential.of(p[0]),
                        p -> Reference.of(ExponentialDistribution.of(1 / p[0])), true, new double[]{2.5}),
                new Family("Gamma", List.of(logUniform(0.2, 50), logUniform(0.1, 10)), p -> Gamma.of(p[0], p[1]),
                        p -> Reference.of(GammaDistribution.of(p[0], 1 / p[1])), false, false, false, true,
                        new double[][]{{0.5, 2.0}, {7.0, 0.5}}),
                new Family("InverseGamma", List.of(logUniform(0.2, 50), logUniform(0.1, 10)),
                        p -> InverseGamma.of(p[0], p[1]),
                        p -> Reference.withMoments(Reference.inverse(GammaDistribution.of(p[0], 1 / p[1])),
                                p[1] / (p[0] - 1), p[1] * p[1] / ((p[0] - 1) * (p[0] - 1) * (p[0] - 2))),
                        false, false, false, true, new double[][]{{9.0, 2.0}}),
                new Family("Chi2", List.of(logUniform(0.3, 60)), p -> Chi2.of(p[0]),
                        p -> Reference.of(ChiSquaredDistribution.of(p[0])), false, false, false, true,
                        new double[][]{{3.0}}),
                new Family("Beta", List.of(logUniform(0.2, 50), logUniform(0.2, 50)), p -> Beta.of(p[0], p[1]),
                        p -> Reference.of(BetaDistribution.of(p[0], p[1])), false, false, false, true,
                        new double[][]{{0.5, 0.7}, {4.0, 2.0}}),
                continuous("Weibull", List.of(logUniform(0.1, 10), logUniform(0.3, 10)), p -> Weibull.of(p[0], p[1]),
                        p -> Reference.of(WeibullDistribution.of(p[1], p[0])), true, new double[]{2.0, 1.5}),
                continuous("Pareto", List.of(logUniform(0.1, 10), logUniform(0.3, 10)), p -> Pareto.of(p[0], p[1]),
                        p -> Reference.of(ParetoDistribution.of(p[0], p[1])), true, new double[]{1.5, 9.0}),
                continuous("TruncatedNormal", List.of(uniform(-3, 3), logUniform(0.5, 5), uniform(-6, 2), uniform(0.5, 4)),
                        p -> TruncatedNormal.of(p[0], p[1], p[2], p[2].add(p[3])),
                        p -> Reference.of(TruncatedNormalDistribution.of(p[0], p[1], p[2], p[2] + p[3])), true,
                        new double[]{0.5, 1.0, -0.5, 2.5}, new double[]{0.0, 1.0, 2.0, 3.0})
        );
    }

    private static Family discrete(String name, List<ToDoubleFunction<Random>> params,
                                   Function<Tensor[], Distribution> ours, Function<double[], Reference> reference,
                                   double[]... sampling) {
        return new Family(name, params, ours, reference, true, false, false, true, sampling);
    }

    /** Negative binomial with real total count r and success probability p, from log-gamma. */
    static Reference negativeBinomial(double r, double p) {
        double mean = r * p / (1 - p);
        return discreteFromLogPmf(k -> LogGamma.value(k + r) - LogGamma.value(r) - LogGamma.value(k + 1)
                + r * Math.log1p(-p) + k * Math.log(p), mean, mean / (1 - p));
    }

    static Reference betaBinomial(double a, double b, int n) {
        double s = a + b;
        return discreteFromLogPmf(k -> k > n ? Double.NEGATIVE_INFINITY : LogBinomialCoefficient.value(n, (int) k)
                        + LogBeta.value(k + a, n - k + b) - LogBeta.value(a, b),
                n * a / s, n * a * b * (s + n) / (s * s * (s + 1)));
    }

    static Reference zeroInflatedPoisson(double gate, double rate) {
        PoissonDistribution poisson = PoissonDistribution.of(rate);
        return discreteFromLogPmf(k -> k == 0 ? Math.log(gate + (1 - gate) * Math.exp(-rate))
                        : Math.log1p(-gate) + poisson.logProbability((int) k),
                (1 - gate) * rate, (1 - gate) * rate * (1 + gate * rate));
    }

    /** A discrete reference on 0, 1, 2, ... from its log mass; the quantile function sums the mass. */
    static Reference discreteFromLogPmf(java.util.function.DoubleUnaryOperator logPmf, double mean, double variance) {
        return new Reference() {
            @Override
            public double logDensity(double x) {
                return logPmf.applyAsDouble(x);
            }

            @Override
            public double cdf(double x) {
                double c = 0;
                for (int k = 0; k <= x; k++) {
                    c += Math.exp(logPmf.applyAsDouble(k));
                }
                return c;
            }

            @Override
            public double icdf(double p) {
                double c = 0;
                int k = 0;
                while (true) {
                    c += Math.exp(logPmf.applyAsDouble(k));
                    if (c >= p || k > 100000) {
                        return k;
                    }
                    k++;
                }
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

    static List<Family> discrete() {
        return List.of(
                discrete("Bernoulli", List.of(uniform(0.01, 0.99)), p -> Bernoulli.ofProbs(p[0]),
                        p -> Reference.of(BinomialDistribution.of(1, p[0])), new double[]{0.3}),
                discrete("Binomial", List.of(integers(0, 200), uniform(0.01, 0.99)), p -> Binomial.ofProbs(p[0], p[1]),
                        p -> Reference.of(BinomialDistribution.of((int) p[0], p[1])),
                        new double[]{20, 0.3}, new double[]{5000, 0.6}, new double[]{7, 0.95}),
                discrete("Poisson", List.of(logUniform(0.05, 500)), p -> Poisson.of(p[0]),
                        p -> Reference.of(PoissonDistribution.of(p[0])), new double[]{3.5}, new double[]{250}),
                discrete("Geometric", List.of(uniform(0.02, 0.98)), p -> Geometric.ofProbs(p[0]),
                        p -> Reference.of(GeometricDistribution.of(p[0])), new double[]{0.3}),
                discrete("NegativeBinomial integer", List.of(integers(1, 50), uniform(0.02, 0.95)),
                        p -> NegativeBinomial.ofProbs(p[0], p[1]),
                        // Pascal counts failures before r successes of probability 1 - p
                        p -> Reference.of(PascalDistribution.of((int) p[0], 1 - p[1])), new double[]{4, 0.6}),
                discrete("NegativeBinomial real", List.of(logUniform(0.1, 50), uniform(0.02, 0.95)),
                        p -> NegativeBinomial.ofProbs(p[0], p[1]), p -> negativeBinomial(p[0], p[1]),
                        new double[]{2.5, 0.3}),
                discrete("BetaBinomial", List.of(logUniform(0.2, 20), logUniform(0.2, 20), integers(0, 100)),
                        p -> BetaBinomial.of(p[0], p[1], p[2]), p -> betaBinomial(p[0], p[1], (int) p[2]),
                        new double[]{2.0, 3.0, 12}),
                discrete("DiscreteUniform", List.of(integers(-20, 5), integers(0, 30)),
                        p -> DiscreteUniform.of(p[0], p[0].add(p[1])),
                        p -> Reference.of(UniformDiscreteDistribution.of((int) p[0], (int) (p[0] + p[1]))),
                        new double[]{-3, 9}),
                discrete("ZeroInflatedPoisson", List.of(uniform(0, 0.95), logUniform(0.05, 100)),
                        p -> ZeroInflatedPoisson.of(p[0], p[1]), p -> zeroInflatedPoisson(p[0], p[1]),
                        new double[]{0.3, 4.0})
        );
    }
}
