package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyrite.distributions.UnivariateFamilies.Family;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.CauchyDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws of every family: mean and variance of 100,000 draws within 5 standard errors of the closed form,
 * Kolmogorov-Smirnov against Commons Statistics' distribution function for the univariate families, and
 * the closed-form moments and entropy themselves against the reference (entropy as -E log p by Monte
 * Carlo). Seeds come from {@link TestSeeds}: every check must hold for any seed. Tagged slow (about 10 s); it
 * still runs by default.
 */
@Tag(TestSeeds.TAG)
@Tag("slow")
class SamplingTest {
    static final int N = 100_000;

    private static double[] draws(Distribution d, long seed) {
        return d.sample(RandomStream.of(TestSeeds.seed(seed)), N).castTo(DataType.DOUBLE).toDoubleArray();
    }

    @TestFactory
    List<DynamicTest> univariateFamilies() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Family> all = new ArrayList<>(UnivariateFamilies.continuous());
        all.addAll(UnivariateFamilies.discrete());
        for (Family f : all) {
            for (double[] p : f.sampling()) {
                String name = f.name() + java.util.Arrays.toString(p);
                tests.add(dynamicTest(name, () -> checkUnivariate(f, p, name)));
            }
        }
        return tests;
    }

    private static void checkUnivariate(Family f, double[] p, String name) {
        Tensor[] pt = new Tensor[p.length];
        for (int i = 0; i < p.length; i++) {
            pt[i] = Tensor.scalar(p[i]);
        }
        Distribution d = f.ours().apply(pt);
        Reference ref = f.reference().apply(p);
        double[] x = draws(d, name.hashCode());
        assertEquals(N, x.length);
        if (f.moments()) {
            Assertions2.close(ref.mean(), d.mean().item(), 1e-10, name + " mean()");
            Assertions2.close(ref.variance(), d.variance().item(), 1e-10, name + " variance()");
            SampleStatistics.checkMoments(x, ref.mean(), ref.variance(), name);
        }
        SampleStatistics.checkKolmogorovSmirnov(x, ref::cdf, f.discrete(), name);
        checkEntropy(d, x, name);
        if (d.hasRsample()) {
            double[] r = d.rsample(RandomStream.of(TestSeeds.seed(1)), N).toDoubleArray();
            SampleStatistics.checkKolmogorovSmirnov(r, ref::cdf, false, name + " rsample");
        }
    }

    /** entropy() = -E[log p(X)], estimated from the draws. */
    private static void checkEntropy(Distribution d, double[] x, String name) {
        Tensor h;
        try {
            h = d.entropy();
        } catch (UnsupportedOperationException e) {
            return;
        }
        double[] lp = d.logProb(Tensor.of(x).castTo(h.dtype())).toDoubleArray();
        for (int i = 0; i < lp.length; i++) {
            lp[i] = -lp[i];
        }
        SampleStatistics.checkMean(lp, h.item(), name + " entropy");
    }

    @Test
    void cauchyMedianAndQuartiles() {
        double[] x = draws(Cauchy.of(1.0, 2.0), 3);
        java.util.Arrays.sort(x);
        CauchyDistribution ref = CauchyDistribution.of(1.0, 2.0);
        for (double q : new double[]{0.25, 0.5, 0.75}) {
            // the empirical q-quantile has standard error sqrt(q(1-q)/n) / density
            double expected = ref.inverseCumulativeProbability(q);
            double se = Math.sqrt(q * (1 - q) / N) / ref.density(expected);
            assertEquals(expected, x[(int) (q * N)], 5 * se, "Cauchy quantile " + q);
        }
    }

    @Test
    void vonMisesCircularMomentsAndDistributionFunction() {
        for (double kappa : new double[]{0.3, 2.0, 25.0}) {
            VonMises d = VonMises.of(0.0, kappa);
            double[] x = draws(d, (long) (kappa * 100));
            double[] c = new double[N];
            double[] s = new double[N];
            for (int i = 0; i < N; i++) {
                assertTrue(x[i] >= -Math.PI && x[i] <= Math.PI, "von Mises draw in [-pi, pi]");
                c[i] = Math.cos(x[i]);
                s[i] = Math.sin(x[i]);
            }
            // E cos X = I1 / I0 = 1 - circular variance; E sin X = 0
            SampleStatistics.checkMean(c, 1 - d.variance().item(), "von Mises E cos, kappa " + kappa);
            SampleStatistics.checkMean(s, 0.0, "von Mises E sin, kappa " + kappa);
            double logI0 = MultivariateLogProbTest.logBesselI0(kappa);
            int grid = 20000;
            double[] cdf = new double[grid + 1];
            double h = 2 * Math.PI / grid;
            for (int i = 1; i <= grid; i++) {
                double a = -Math.PI + (i - 1) * h;
                double b = a + h;
                double pa = Math.exp(kappa * Math.cos(a) - logI0) / (2 * Math.PI);
                double pm = Math.exp(kappa * Math.cos(a + h / 2) - logI0) / (2 * Math.PI);
                double pb = Math.exp(kappa * Math.cos(b) - logI0) / (2 * Math.PI);
                cdf[i] = cdf[i - 1] + h / 6 * (pa + 4 * pm + pb);
            }
            SampleStatistics.checkKolmogorovSmirnov(x, v -> {
                double t = (v + Math.PI) / h;
                int i = Math.min(grid - 1, Math.max(0, (int) t));
                return cdf[i] + (t - i) * (cdf[i + 1] - cdf[i]);
            }, false, "von Mises kappa " + kappa);
            checkEntropy(d, x, "von Mises kappa " + kappa);
        }
    }

    private static double[] column(double[] flat, int width, int j) {
        double[] c = new double[flat.length / width];
        for (int i = 0; i < c.length; i++) {
            c[i] = flat[i * width + j];
        }
        return c;
    }

    private static double[] products(double[] a, double ma, double[] b, double mb) {
        double[] p = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = (a[i] - ma) * (b[i] - mb);
        }
        return p;
    }

    /** Means, variances and covariances of vector draws [N, d] against a mean vector and covariance matrix. */
    private static void checkVectorMoments(double[] flat, int d, double[] mean, double[][] cov, String what) {
        double[][] cols = new double[d][];
        for (int j = 0; j < d; j++) {
            cols[j] = column(flat, d, j);
            SampleStatistics.checkMoments(cols[j], mean[j], cov[j][j], what + " coordinate " + j);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                SampleStatistics.checkMean(products(cols[i], mean[i], cols[j], mean[j]), cov[i][j],
                        what + " covariance " + i + "," + j);
            }
        }
    }

    private static double[][] matrix(Tensor t) {
        int d = (int) t.size(-1);
        double[] v = t.toDoubleArray();
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(v, i * d, m[i], 0, d);
        }
        return m;
    }

    @Test
    void multivariateNormalAllParameterisations() {
        double[][] cov = {{2.0, 0.6, -0.4}, {0.6, 1.0, 0.2}, {-0.4, 0.2, 0.5}};
        double[] loc = {1.0, -2.0, 0.5};
        Tensor c = Tensor.of(cov);
        MultivariateNormal byCov = MultivariateNormal.ofCovariance(Tensor.of(loc), c);
        List<MultivariateNormal> forms = List.of(byCov,
                MultivariateNormal.ofPrecision(Tensor.of(loc), byCov.precision()),
                MultivariateNormal.ofScaleTril(Tensor.of(loc), byCov.scaleTril()));
        int seed = 11;
        for (MultivariateNormal d : forms) {
            Tensor x = d.sample(RandomStream.of(TestSeeds.seed(seed++)), N);
            assertArrayEquals(new long[]{N, 3}, x.shape());
            checkVectorMoments(x.toDoubleArray(), 3, loc, cov, "MVN");
            double[][] back = matrix(d.covariance());
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(cov[i][j], back[i][j], 1e-12, "covariance round trip");
                }
            }
            checkEntropy(d, x, "MVN");
        }
    }

    private static void checkEntropy(Distribution d, Tensor x, String name) {
        double[] lp = d.logProb(x).toDoubleArray();
        for (int i = 0; i < lp.length; i++) {
            lp[i] = -lp[i];
        }
        SampleStatistics.checkMean(lp, d.entropy().item(), name + " entropy");
    }

    @Test
    void lowRankMultivariateNormal() {
        Tensor w = Tensor.of(new double[][]{{1.0, 0.5}, {-0.3, 0.8}, {0.2, -1.0}});
        Tensor diag = Tensor.of(0.5, 0.2, 1.0);
        LowRankMultivariateNormal d = LowRankMultivariateNormal.of(Tensor.of(0.0, 1.0, 2.0), w, diag);
        Tensor x = d.sample(RandomStream.of(TestSeeds.seed(5)), N);
        checkVectorMoments(x.toDoubleArray(), 3, new double[]{0, 1, 2}, matrix(d.covariance()), "low-rank MVN");
        checkEntropy(d, x, "low-rank MVN");
        double[] v = d.variance().toDoubleArray();
        double[][] cov = matrix(d.covariance());
        for (int i = 0; i < 3; i++) {
            assertEquals(cov[i][i], v[i], 1e-12, "variance is the diagonal of the covariance");
        }
    }

    @Test
    void dirichlet() {
        double[] alpha = {0.5, 2.0, 3.5};
        Dirichlet d = Dirichlet.of(Tensor.of(alpha));
        Tensor x = d.sample(RandomStream.of(TestSeeds.seed(6)), N);
        double a0 = 6.0;
        double[] mean = new double[3];
        double[][] cov = new double[3][3];
        for (int i = 0; i < 3; i++) {
            mean[i] = alpha[i] / a0;
            for (int j = 0; j < 3; j++) {
                cov[i][j] = ((i == j ? alpha[i] * a0 : 0) - alpha[i] * alpha[j]) / (a0 * a0 * (a0 + 1));
            }
        }
        checkVectorMoments(x.toDoubleArray(), 3, mean, cov, "Dirichlet");
        assertArrayEquals(mean, d.mean().toDoubleArray(), 1e-12);
        double[] var = d.variance().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            assertEquals(cov[i][i], var[i], 1e-12);
        }
        checkEntropy(d, x, "Dirichlet");
    }

    @Test
    void categoricalOneHotAndMultinomial() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        Tensor probs = Tensor.of(p);
        double[] idx = Categorical.ofProbs(probs).sample(RandomStream.of(TestSeeds.seed(7)), N).castTo(DataType.DOUBLE).toDoubleArray();
        double m = 0;
        double m2 = 0;
        for (int k = 0; k < 4; k++) {
            m += k * p[k];
            m2 += k * k * p[k];
        }
        SampleStatistics.checkMoments(idx, m, m2 - m * m, "Categorical index");
        SampleStatistics.checkKolmogorovSmirnov(idx, v -> {
            double c = 0;
            for (int k = 0; k <= Math.floor(v) && k < 4; k++) {
                c += p[k];
            }
            return c;
        }, true, "Categorical");
        checkEntropy(Categorical.ofProbs(probs), Tensor.of(idx).castTo(DataType.INT64), "Categorical");
        double[][] oneHotCov = new double[4][4];
        double[][] multiCov = new double[4][4];
        double[] multiMean = new double[4];
        int n = 30;
        for (int i = 0; i < 4; i++) {
            multiMean[i] = n * p[i];
            for (int j = 0; j < 4; j++) {
                oneHotCov[i][j] = (i == j ? p[i] : 0) - p[i] * p[j];
                multiCov[i][j] = n * oneHotCov[i][j];
            }
        }
        OneHotCategorical oh = OneHotCategorical.ofProbs(probs);
        Tensor hot = oh.sample(RandomStream.of(TestSeeds.seed(8)), N);
        assertArrayEquals(new long[]{N, 4}, hot.shape());
        checkVectorMoments(hot.toDoubleArray(), 4, p, oneHotCov, "OneHotCategorical");
        checkEntropy(oh, hot, "OneHotCategorical");
        Tensor counts = Multinomial.ofProbs(n, probs).sample(RandomStream.of(TestSeeds.seed(9)), N);
        checkVectorMoments(counts.toDoubleArray(), 4, multiMean, multiCov, "Multinomial");
        assertArrayEquals(multiMean, Multinomial.ofProbs(n, probs).mean().toDoubleArray(), 1e-12);
    }

    @Test
    void lkjCholeskyCorrelationsHaveBetaMarginals() {
        int d = 4;
        double eta = 2.0;
        Tensor l = LKJCholesky.of(d, eta).sample(RandomStream.of(TestSeeds.seed(10)), N);
        assertArrayEquals(new long[]{N, d, d}, l.shape());
        assertTrue(Constraints.CORR_CHOLESKY.check(l).castTo(DataType.DOUBLE).array().minNumber().doubleValue() > 0.5);
        double[] c = l.matmul(l.transpose()).toDoubleArray();
        // each off-diagonal correlation is 2 B - 1 with B ~ Beta(b, b), b = eta - 1 + d / 2
        double b = eta - 1 + d / 2.0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double[] r = new double[N];
                for (int s = 0; s < N; s++) {
                    r[s] = c[(s * d + i) * d + j];
                }
                SampleStatistics.checkMoments(r, 0.0, 1 / (2 * b + 1), "LKJ correlation " + i + "," + j);
            }
        }
    }

    @Test
    void mixturesAndTransformedDistributions() {
        Tensor w = Tensor.of(0.3, 0.7);
        MixtureSameFamily same = MixtureSameFamily.of(Categorical.ofProbs(w), Normal.of(Tensor.of(-1.0, 2.0), Tensor.of(0.5, 1.5)));
        // closed form: mean = sum w mu; second moment = sum w (sd^2 + mu^2)
        double mean = 0.3 * -1 + 0.7 * 2;
        double second = 0.3 * (0.25 + 1) + 0.7 * (2.25 + 4);
        assertEquals(mean, same.mean().item(), 1e-12);
        assertEquals(second - mean * mean, same.variance().item(), 1e-12);
        SampleStatistics.checkMoments(draws(same, 12), mean, second - mean * mean, "MixtureSameFamily");
        Mixture list = Mixture.of(Categorical.ofProbs(w), List.of(Normal.of(-1.0, 0.5), Gamma.of(2.0, 1.0)));
        double lm = 0.3 * -1 + 0.7 * 2;
        double ls = 0.3 * (0.25 + 1) + 0.7 * (2 + 4);
        assertEquals(lm, list.mean().item(), 1e-12);
        assertEquals(ls - lm * lm, list.variance().item(), 1e-12);
        SampleStatistics.checkMoments(draws(list, 13), lm, ls - lm * lm, "Mixture");
        TransformedDistribution ln = TransformedDistribution.of(Normal.of(0.2, 0.5), ExpTransform.of());
        LogNormalDistribution ref = LogNormalDistribution.of(0.2, 0.5);
        double[] x = draws(ln, 14);
        SampleStatistics.checkMoments(x, ref.getMean(), ref.getVariance(), "exp of normal");
        SampleStatistics.checkKolmogorovSmirnov(x, ref::cumulativeProbability, false, "exp of normal");
        assertTrue(ln.hasRsample());
    }

    @Test
    void deltaAndMaskedDraws() {
        Tensor v = Tensor.of(1.5, -2.0);
        Tensor x = Delta.of(v).sample(RandomStream.of(TestSeeds.seed(1)), 3);
        assertArrayEquals(new double[]{1.5, -2.0, 1.5, -2.0, 1.5, -2.0}, x.toDoubleArray());
        Distribution masked = Normal.of(3.0, 2.0).mask(Tensor.scalar(0.0).gt(0.5));
        SampleStatistics.checkMoments(draws(masked, 15), 3.0, 4.0, "masked normal");
    }

    @Test
    void float32Draws() {
        Tensor loc = Tensor.of(Nd4j.scalar(DataType.FLOAT, 1.0f));
        Tensor scale = Tensor.of(Nd4j.scalar(DataType.FLOAT, 2.0f));
        Tensor x = Normal.of(loc, scale).sample(RandomStream.of(TestSeeds.seed(16)), N);
        assertEquals(DataType.FLOAT, x.dtype());
        SampleStatistics.checkMoments(x.castTo(DataType.DOUBLE).toDoubleArray(), 1.0, 4.0, "float32 normal");
        Tensor g = Gamma.of(loc.mul(3.0f), scale).sample(RandomStream.of(TestSeeds.seed(17)), N);
        assertEquals(DataType.FLOAT, g.dtype());
        SampleStatistics.checkMoments(g.castTo(DataType.DOUBLE).toDoubleArray(), 1.5, 0.75, "float32 gamma");
    }
}
