package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Predictive against the closed-form posterior predictive of two conjugate models, given exact posterior
 * draws or an exact guide: the predictive of a new observation is normal, so its draws are checked for
 * mean and variance within 4 Monte Carlo standard errors and with a Kolmogorov-Smirnov test against
 * the Commons Statistics normal at level 1e-4 ({@code P(sqrt(S) D > l) ~ 2 exp(-2 l^2)}, l = 2.225).
 */
@Tag(TestSeeds.TAG)
class PredictiveTest {
    static final int S = 4000;
    static final double KS_CRITICAL = 2.225;
    static final double M0 = 1.0;
    static final double S0 = 2.0;
    static final double SIGMA = 1.5;
    static final Tensor X = Tensor.of(2.1, 3.4, 1.7, 2.9, 4.0, 2.2, 3.1, 2.6);
    static final double PRECISION = 1 / (S0 * S0) + X.numel() / (SIGMA * SIGMA);
    static final double POST_MEAN = (M0 / (S0 * S0) + X.sum().item() / (SIGMA * SIGMA)) / PRECISION;
    static final double POST_SD = 1 / Math.sqrt(PRECISION);

    static void model(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(M0, S0));
        try (Plate p = Pyrite.plate("data", args[0].size(0))) {
            Pyrite.sample("x", Normal.of(mu, Tensor.scalar(SIGMA)), args[0]);
        }
    }

    /** The exact posterior as a guide with no parameters ("a guide fitted exactly"). */
    static void exactGuide(Tensor... args) {
        Pyrite.sample("mu", Normal.of(POST_MEAN, POST_SD));
    }

    @Test
    void posteriorSamplesGiveTheNormalPredictive() {
        Tensor mu = Tensor.of(RandomStream.of(TestSeeds.seed(51)).normal(S)).mul(POST_SD).add(POST_MEAN);
        Map<String, Tensor> draws = Predictive.posterior(PredictiveTest::model, Map.of("mu", mu))
                .sample(RandomStream.of(TestSeeds.seed(52)), X);
        assertArrayEquals(mu.toDoubleArray(), draws.get("mu").toDoubleArray(), 0.0, "the given samples are used");
        checkNormalNormal(draws.get("x"));
    }

    @Test
    void exactGuideGivesTheNormalPredictive() {
        Map<String, Tensor> draws = Predictive.fromGuide(PredictiveTest::model, PredictiveTest::exactGuide, S)
                .sample(RandomStream.of(TestSeeds.seed(53)), X);
        double[] mu = draws.get("mu").toDoubleArray();
        assertEquals(S, mu.length);
        assertMoments(mu, POST_MEAN, POST_SD * POST_SD, "mu from the guide");
        checkNormalNormal(draws.get("x"));
    }

    /** Each x[s, i] ~ N(mean, sd^2 + sigma^2), and two observations of one draw share its mu: cov = sd^2. */
    private static void checkNormalNormal(Tensor x) {
        assertArrayEquals(new long[]{S, X.numel()}, x.shape());
        double variance = POST_SD * POST_SD + SIGMA * SIGMA;
        double[] first = x.select(1, 0).toDoubleArray();
        double[] last = x.select(1, X.numel() - 1).toDoubleArray();
        assertMoments(first, POST_MEAN, variance, "x[0]");
        assertMoments(last, POST_MEAN, variance, "x[n-1]");
        assertKs(first, NormalDistribution.of(POST_MEAN, Math.sqrt(variance)), "x[0]");
        // the sample covariance has variance (var^2 + cov^2) / S for jointly normal pairs
        double cov = POST_SD * POST_SD;
        assertEquals(cov, covariance(first, last), 4 * Math.sqrt((variance * variance + cov * cov) / S), "cov(x[0], x[n-1])");
    }

    @Test
    void regressionPredictiveAtNewPoints() {
        double[] mean = LinearRegressionPosterior.mean();
        double[][] cov = LinearRegressionPosterior.covariance();
        double[][] chol = cholesky3(cov);
        RandomStream stream = RandomStream.of(TestSeeds.seed(54));
        double[] z = stream.normal(S, 3).data().asDouble();
        double[][] w = new double[S][3];
        for (int s = 0; s < S; s++) {
            for (int i = 0; i < 3; i++) {
                w[s][i] = mean[i];
                for (int j = 0; j <= i; j++) {
                    w[s][i] += chol[i][j] * z[s * 3 + j];
                }
            }
        }
        // two new design points; the first lies along the posterior's strong negative correlation
        double[][] newXT = {{1.0, 0.5}, {1.0, -1.0}, {0.0, 2.0}};
        Tensor[] args = {Tensor.of(newXT), Tensor.of(0.0, 0.0)};
        Map<String, Tensor> draws = Predictive.posterior(LinearRegressionPosterior::model, Map.of("w", Tensor.of(w)))
                .sample(RandomStream.of(TestSeeds.seed(55)), args);
        Tensor y = draws.get("y");
        assertArrayEquals(new long[]{S, 2}, y.shape());
        for (int k = 0; k < 2; k++) {
            double[] x = {newXT[0][k], newXT[1][k], newXT[2][k]};
            double m = 0;
            double v = LinearRegressionPosterior.SIGMA * LinearRegressionPosterior.SIGMA;
            for (int i = 0; i < 3; i++) {
                m += x[i] * mean[i];
                for (int j = 0; j < 3; j++) {
                    v += x[i] * cov[i][j] * x[j];
                }
            }
            double[] yk = y.select(1, k).toDoubleArray();
            assertMoments(yk, m, v, "y at new point " + k);
            assertKs(yk, NormalDistribution.of(m, Math.sqrt(v)), "y at new point " + k);
        }
    }

    /** Mean within 4 sd / sqrt(S); variance within 4 sqrt(2 / (S - 1)) var, the sd of a normal sample variance. */
    private static void assertMoments(double[] draws, double mean, double variance, String what) {
        double m = Arrays.stream(draws).average().orElseThrow();
        double v = Arrays.stream(draws).map(d -> (d - m) * (d - m)).sum() / (draws.length - 1);
        assertEquals(mean, m, 4 * Math.sqrt(variance / draws.length), what + " mean");
        assertEquals(variance, v, 4 * variance * Math.sqrt(2.0 / (draws.length - 1)), what + " variance");
    }

    private static void assertKs(double[] draws, NormalDistribution oracle, String what) {
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = oracle.cumulativeProbability(sorted[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        assertTrue(Math.sqrt(n) * d < KS_CRITICAL, what + ": Kolmogorov-Smirnov sqrt(n) D = " + Math.sqrt(n) * d
                + " against N(" + oracle.getMean() + ", " + oracle.getStandardDeviation() + "^2)");
    }

    private static double covariance(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (a.length - 1);
    }

    private static double[][] cholesky3(double[][] a) {
        double[][] l = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }
}
