package dev.pyrite.inference.enumeration;

import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.commons.math3.special.Gamma.logGamma;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * infer_discrete after MCMC ({@link InferDiscrete#sample}): the discrete draws, one per posterior draw of
 * the continuous sites, have the exact marginals that brute-force summation gives. Frequencies are
 * compared with 4 standard errors of a frequency of independent draws; bins expected to hold fewer than
 * {@value #MIN_EXPECTED} draws are pooled, so that the normal approximation holds.
 */
@Tag(TestSeeds.TAG)
class InferDiscreteDrawsTest {
    private static final double MIN_EXPECTED = 30;

    // ------------------------------------------------------------------ change point

    private static final double A = 2;
    private static final double B = 0.5;
    private static final double[] COUNTS = {2, 4, 3, 5, 3, 6, 8, 5, 9, 7, 8, 10};

    /**
     * Counts y[t] ~ Poisson(t < tau ? l1 : l2) over T days, tau uniform on 0..T-1 (the number of days at
     * the first rate), l1 and l2 ~ Gamma(A, rate B).
     */
    static Runnable changePoint(double[] counts) {
        int t = counts.length;
        Tensor y = Tensor.of(counts);
        return () -> {
            Tensor l1 = sample("l1", Gamma.of(A, B));
            Tensor l2 = sample("l2", Gamma.of(A, B));
            Tensor tau = sample("tau", Categorical.ofProbs(Tensor.ones(t).div(t)));
            try (Plate days = Pyrite.plate("days", t)) {
                Tensor early = Tensor.arange(t).lt(tau);
                sample("y", Poisson.of(Tensor.where(early, l1, l2)), y);
            }
        };
    }

    /** log of the Poisson-Gamma marginal likelihood of counts [from, to), up to the y! terms (they cancel). */
    private static double logEvidence(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        int n = to - from;
        return A * Math.log(B) - logGamma(A) + logGamma(A + s) - (A + s) * Math.log(B + n);
    }

    /** p(tau = k | y) by summation over k, the rates integrated out in closed form. */
    static double[] exactTau(double[] y) {
        int t = y.length;
        double[] logp = new double[t];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < t; k++) {
            logp[k] = logEvidence(y, 0, k) + logEvidence(y, k, t);
            max = Math.max(max, logp[k]);
        }
        double z = 0;
        for (int k = 0; k < t; k++) {
            logp[k] = Math.exp(logp[k] - max);
            z += logp[k];
        }
        for (int k = 0; k < t; k++) {
            logp[k] /= z;
        }
        return logp;
    }

    @Test
    void changePointDayHasItsExactMarginal() {
        int chains = 2;
        int draws = 1500;
        double[] p = exactTau(COUNTS);
        Runnable model = changePoint(COUNTS);
        ModelPotential u = ModelPotential.of(model);
        assertEquals(java.util.List.of("tau"), u.enumeratedSites());

        // Independent draws from the exact posterior of (l1, l2): tau from p, then each rate from its
        // conjugate Gamma given the days on its side. They stand in for NUTS's draws.
        Well19937c rng = new Well19937c(TestSeeds.seed(31));
        double[][] rates = new double[2][chains * draws];
        for (int i = 0; i < chains * draws; i++) {
            double v = rng.nextDouble();
            int k = 0;
            while (k < p.length - 1 && v >= p[k]) {
                v -= p[k];
                k++;
            }
            rates[0][i] = conjugateRate(rng, 0, k);
            rates[1][i] = conjugateRate(rng, k, COUNTS.length);
        }
        Posterior post = Posterior.of(u, samples(u, chains, draws, Map.of("l1", rates[0], "l2", rates[1])));

        Map<String, INDArray> discrete = InferDiscrete.sample(u, post, RandomStream.of(TestSeeds.seed(32)));
        assertEquals(java.util.Set.of("tau"), discrete.keySet());
        assertArrayEquals(new long[]{chains, draws}, discrete.get("tau").shape());
        long[] tau = discrete.get("tau").reshape(-1).toLongVector();
        assertFrequencies("tau", tau, p);

        // The posterior reports the site: draws, summary row and mean.
        Posterior withTau = post.withDiscreteSites(discrete);
        assertTrue(withTau.draws().containsKey("tau"));
        SummaryRow row = withTau.summary().rows().stream().filter(r -> r.variable().equals("tau")).findFirst()
                .orElseThrow();
        double mean = 0;
        double second = 0;
        for (int k = 0; k < p.length; k++) {
            mean += k * p[k];
            second += (double) k * k * p[k];
        }
        double se = Math.sqrt((second - mean * mean) / (chains * draws));
        assertEquals(mean, row.mean(), 4 * se, "posterior mean of tau");
    }

    private static double conjugateRate(Well19937c rng, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += COUNTS[i];
        }
        return new GammaDistribution(rng, A + s, 1 / (B + to - from)).sample();
    }

    /** Sampler output holding the given constrained draws (flat, chain-major) on the unconstrained space. */
    private static McmcSamples samples(ModelPotential u, int chains, int draws, Map<String, double[]> constrained) {
        INDArray q = Nd4j.zeros(DataType.DOUBLE, (long) chains * draws, u.dimension());
        for (LatentSite s : u.sites()) {
            Tensor x = Tensor.of(constrained.get(s.name()));
            INDArray col = s.transform().inverse(x).array().castTo(DataType.DOUBLE).reshape(-1, 1);
            q.putColumn(s.offset(), col);
        }
        INDArray stat = Nd4j.zeros(DataType.DOUBLE, chains, draws);
        return new McmcSamples(q.reshape(chains, draws, u.dimension()), stat, stat, stat, stat, stat, stat, stat,
                Nd4j.ones(DataType.DOUBLE, chains), Nd4j.ones(DataType.DOUBLE, chains, u.dimension()), 0, 0, 0,
                dev.pyrite.inference.mcmc.StopReason.BUDGET_REACHED);
    }

    // ------------------------------------------------------------------ Gaussian mixture

    @Test
    void mixtureAssignmentsHaveTheirExactConditionals() {
        double[] y = {-2.3, -0.8, 0.2, 0.9, 2.1, 3.0};
        Runnable model = GmmModels.enumerated(Tensor.of(y));
        int chains = 3;
        int draws = 700;
        int n = chains * draws;
        // Any distribution of continuous values serves: the test is of the conditional given each one.
        Random rng = new Random(TestSeeds.seed(41));
        double[][] theta = new double[n][3];
        double[][] mu = new double[n][3];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                theta[i][k] = 1 + rng.nextDouble();
                sum += theta[i][k];
            }
            for (int k = 0; k < 3; k++) {
                theta[i][k] /= sum;
                mu[i][k] = 2.0 * (k - 1) + 0.5 * rng.nextGaussian();
            }
            java.util.Arrays.sort(mu[i]);
            sigma[i] = Math.exp(0.3 * rng.nextGaussian());
        }
        Map<String, INDArray> continuous = Map.of(
                "theta", Nd4j.create(theta).reshape(chains, draws, 3),
                "mu", Nd4j.create(mu).reshape(chains, draws, 3),
                "sigma", Nd4j.create(sigma, new long[]{chains, draws}, DataType.DOUBLE));
        // A small block budget, so that the draws are processed in several blocks.
        Map<String, INDArray> discrete = InferDiscrete.sample(model, continuous, RandomStream.of(TestSeeds.seed(42)),
                300 * 100);
        INDArray z = discrete.get("z");
        assertArrayEquals(new long[]{chains, draws, y.length}, z.shape());
        INDArray zFlat = z.reshape(n, y.length);
        for (int j = 0; j < y.length; j++) {
            double[][] p = new double[n][3];
            long[] zj = new long[n];
            for (int i = 0; i < n; i++) {
                double total = 0;
                for (int k = 0; k < 3; k++) {
                    p[i][k] = theta[i][k] * NormalDistribution.of(mu[i][k], sigma[i]).density(y[j]);
                    total += p[i][k];
                }
                for (int k = 0; k < 3; k++) {
                    p[i][k] /= total;
                }
                zj[i] = zFlat.getLong(i, j);
            }
            assertConditionalFrequencies("z[" + (j + 1) + "]", zj, p);
        }
    }

    // ------------------------------------------------------------------ checks

    /** Frequencies of iid draws against probabilities {@code p}; small bins pooled. */
    private static void assertFrequencies(String what, long[] draws, double[] p) {
        double[][] perDraw = new double[draws.length][];
        java.util.Arrays.fill(perDraw, p);
        assertConditionalFrequencies(what, draws, perDraw);
    }

    /**
     * Draw i has the distribution {@code p[i]} (independently): the frequency of each value has mean
     * {@code mean_i p[i][k]} and variance {@code sum_i p(1 - p) / n^2}. Values expected fewer than
     * {@value #MIN_EXPECTED} times are pooled into one bin.
     */
    private static void assertConditionalFrequencies(String what, long[] draws, double[][] p) {
        int n = draws.length;
        int k = p[0].length;
        double[] expected = new double[k];
        double[] variance = new double[k];
        double[] seen = new double[k];
        for (int i = 0; i < n; i++) {
            assertTrue(draws[i] >= 0 && draws[i] < k, what + ": value " + draws[i] + " outside 0.." + (k - 1));
            seen[(int) draws[i]]++;
            for (int j = 0; j < k; j++) {
                expected[j] += p[i][j];
                variance[j] += p[i][j] * (1 - p[i][j]);
            }
        }
        double pooledExpected = 0;
        double pooledSeen = 0;
        double pooledVariance = 0;
        int checked = 0;
        for (int j = 0; j < k; j++) {
            if (expected[j] >= MIN_EXPECTED && n - expected[j] >= MIN_EXPECTED) {
                assertEquals(expected[j] / n, seen[j] / n, 4 * Math.sqrt(variance[j]) / n, what + " = " + j);
                checked++;
            } else if (expected[j] < MIN_EXPECTED) {
                pooledExpected += expected[j];
                pooledSeen += seen[j];
                // Bernoulli variances of the pooled bins, bounded above by their sum (cross terms are negative).
                pooledVariance += variance[j];
            }
        }
        // Pooled rare values: a one-sided bound from the variance sum, floored at that of the minimum bin size.
        double sd = Math.sqrt(Math.max(pooledVariance, MIN_EXPECTED));
        assertTrue(pooledSeen <= pooledExpected + 4 * sd, what + ": rare values seen " + pooledSeen + " times, expected "
                + pooledExpected);
        assertTrue(checked > 0 || pooledExpected >= n - MIN_EXPECTED, what + ": no value frequent enough to check");
    }
}
