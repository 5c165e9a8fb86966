package dev.pyrite.inference.gibbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DiscreteHMCGibbs against brute force: every configuration of the discrete sites summed, the continuous
 * site integrated by the trapezoid rule on a fine grid. Each posterior mean within 4 MCSE (about 1e-4
 * failure probability per assertion), for any seed.
 */
@Tag(TestSeeds.TAG)
class DiscreteHMCGibbsTest {
    private static final double Z = 4.0;
    private static final double[] Y = {-0.4, 1.9, 3.1};
    private static final double[] SCALES = {0.6, 1.0, 1.6};
    private static final double[] SCALE_PROBS = {0.2, 0.5, 0.3};
    private static final double P_SHIFT = 0.35;
    private static final double SHIFT = 2.5;
    private static final double PRIOR_SCALE = 1.5;

    /**
     * mu ~ Normal(0, 1.5), k ~ Categorical([.2, .5, .3]) picks the noise scale [0.6, 1, 1.6], and each of
     * three points has its own switch z_i ~ Bernoulli(0.35): y_i ~ Normal(mu + 2.5 z_i, scale_k).
     */
    private static void model() {
        Tensor mu = Pyrite.sample("mu", Normal.of(0.0, PRIOR_SCALE));
        Tensor k = Pyrite.sample("k", Categorical.ofProbs(Tensor.of(SCALE_PROBS)));
        Tensor scale = Tensor.of(SCALES).indexSelect(0, k.reshape(-1).castTo(DataType.INT64)).reshape(k.shape());
        try (Plate p = Pyrite.plate("data", Y.length)) {
            Tensor z = Pyrite.sample("z", Bernoulli.ofProbs(P_SHIFT));
            Pyrite.sample("y", Normal.of(mu.add(z.mul(SHIFT)), scale), Tensor.of(Y));
        }
    }

    /** Exact posterior expectations: P(k = j) for j = 0..2, P(z_i = 1) for i = 0..2, then E[mu]. */
    private static double[] exact() {
        NormalDistribution prior = NormalDistribution.of(0, PRIOR_SCALE);
        int grid = 20001;
        double lo = -12;
        double h = 24.0 / (grid - 1);
        double[] out = new double[7];
        double norm = 0;
        for (int k = 0; k < SCALES.length; k++) {
            NormalDistribution noise = NormalDistribution.of(0, SCALES[k]);
            for (int config = 0; config < 8; config++) {
                double weight = SCALE_PROBS[k];
                for (int i = 0; i < 3; i++) {
                    weight *= ((config >> i) & 1) == 1 ? P_SHIFT : 1 - P_SHIFT;
                }
                double mass = 0;
                double first = 0;
                for (int g = 0; g < grid; g++) {
                    double mu = lo + g * h;
                    double f = prior.density(mu);
                    for (int i = 0; i < 3; i++) {
                        f *= noise.density(Y[i] - mu - SHIFT * ((config >> i) & 1));
                    }
                    double trapezoid = g == 0 || g == grid - 1 ? 0.5 : 1;
                    mass += trapezoid * f * h;
                    first += trapezoid * f * mu * h;
                }
                double w = weight * mass;
                norm += w;
                out[k] += w;
                for (int i = 0; i < 3; i++) {
                    if (((config >> i) & 1) == 1) {
                        out[3 + i] += w;
                    }
                }
                out[6] += weight * first;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return out;
    }

    @Test
    void matchesBruteForceEnumeration() {
        int chains = 16;
        int samples = 400;
        GibbsSamples s = DiscreteHMCGibbs.of(DiscreteHMCGibbsTest::model).chains(chains).warmup(200)
                .samples(samples).seed(TestSeeds.seed(41)).run();
        assertArrayEquals(new long[]{chains, samples}, s.discrete().get("k").shape(), "k's draws");
        assertArrayEquals(new long[]{chains, samples, 3}, s.discrete().get("z").shape(), "z's draws");
        Map<String, double[][]> draws = s.posterior().draws();
        double[] exact = exact();
        for (int j = 0; j < 3; j++) {
            assertMean(indicator(draws.get("k"), j), exact[j], "P(k = " + j + ")");
        }
        for (int i = 0; i < 3; i++) {
            assertMean(draws.get("z[" + (i + 1) + "]"), exact[3 + i], "P(z[" + (i + 1) + "] = 1)");
        }
        assertMean(draws.get("mu"), exact[6], "E[mu]");
    }

    @Test
    void posteriorListsContinuousThenDiscreteSites() {
        GibbsSamples s = DiscreteHMCGibbs.of(DiscreteHMCGibbsTest::model).chains(2).warmup(5).samples(5)
                .seed(TestSeeds.seed(42)).run();
        Posterior p = s.posterior();
        assertEquals(java.util.List.of("mu", "k", "z[1]", "z[2]", "z[3]"), java.util.List.copyOf(p.draws().keySet()),
                "components");
        for (double[] chain : p.draws().get("z[2]")) {
            for (double v : chain) {
                assertTrue(v == 0 || v == 1, "z[2] draws are 0 or 1, got " + v);
            }
        }
    }

    private static double[][] indicator(double[][] draws, int value) {
        double[][] out = new double[draws.length][];
        for (int c = 0; c < draws.length; c++) {
            out[c] = new double[draws[c].length];
            for (int i = 0; i < draws[c].length; i++) {
                out[c][i] = draws[c][i] == value ? 1 : 0;
            }
        }
        return out;
    }

    private static void assertMean(double[][] draws, double exact, String what) {
        double s = 0;
        int n = 0;
        for (double[] chain : draws) {
            for (double v : chain) {
                s += v;
                n++;
            }
        }
        double mean = s / n;
        double mcse = McseMean.of(draws);
        assertTrue(Math.abs(mean - exact) < Z * mcse,
                what + ": posterior mean " + mean + ", exact " + exact + ", MCSE " + mcse);
    }
}
