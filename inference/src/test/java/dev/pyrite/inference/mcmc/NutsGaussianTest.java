package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.inference.diagnostics.SplitRhat;
import dev.pyrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NutsGaussianTest {
    private static final double[] SIGMA = {1.0, 2.0, 0.5};

    private static Potential gaussian() {
        return new Potential() {
            @Override
            public int dimension() {
                return SIGMA.length;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.div(Tensor.of(SIGMA)).square().sum(false, 1).mul(0.5);
            }
        };
    }

    @Test
    void independentGaussianMomentsWithinMonteCarloError() {
        McmcSamples s = MCMC.nuts(gaussian()).chains(4).warmup(300).samples(500).seed(11).run();
        for (int d = 0; d < SIGMA.length; d++) {
            double[][] x = s.coordinate(d);
            double mean = mean(x);
            double mcse = McseMean.of(x);
            assertTrue(Math.abs(mean) < 4 * mcse, "mean of coordinate " + d + ": " + mean + " mcse " + mcse);
            assertTrue(SplitRhat.rhat(x) < 1.01, "rhat " + SplitRhat.rhat(x));
            double expected = SIGMA[d] * SIGMA[d];
            assertEquals(expected, variance(x), 4 * varianceMcse(x), "variance of coordinate " + d);
        }
        assertEquals(0, s.divergences());
    }

    @Test
    void hmcWithDenseMassRecoversTheSameMoments() {
        McmcSamples s = MCMC.hmc(gaussian(), 3.0).denseMass(true).chains(4).warmup(300).samples(500).seed(5).run();
        for (int d = 0; d < SIGMA.length; d++) {
            double[][] x = s.coordinate(d);
            assertTrue(Math.abs(mean(x)) < 4 * McseMean.of(x), "HMC mean of coordinate " + d);
            assertTrue(SplitRhat.rhat(x) < 1.01, "HMC rhat " + SplitRhat.rhat(x));
            double expected = SIGMA[d] * SIGMA[d];
            assertEquals(expected, variance(x), 4 * varianceMcse(x), "HMC variance " + d);
        }
        // The adapted dense metric approximates the posterior covariance diag(SIGMA^2).
        assertEquals(SIGMA[1] * SIGMA[1], s.inverseMass().getDouble(0, 1, 1), 0.35 * SIGMA[1] * SIGMA[1]);
    }

    @Test
    void chainOfABatchEqualsTheSameChainRunAlone() {
        var streams = MCMC.chainStreams(21, 4);
        McmcSamples batch = MCMC.nuts(gaussian()).streams(streams).warmup(60).samples(50).run();
        var again = MCMC.chainStreams(21, 4);
        McmcSamples alone = MCMC.nuts(gaussian()).streams(java.util.List.of(again.get(2))).warmup(60).samples(50).run();
        for (int d = 0; d < SIGMA.length; d++) {
            double[] inBatch = batch.coordinate(d)[2];
            double[] single = alone.coordinate(d)[0];
            for (int s = 0; s < 50; s++) {
                assertEquals(single[s], inBatch[s], 1e-9, "draw " + s + " of coordinate " + d);
            }
        }
    }

    @Test
    void sameSeedSameDraws() {
        McmcSamples a = MCMC.nuts(gaussian()).chains(2).warmup(30).samples(20).seed(3).run();
        McmcSamples b = MCMC.nuts(gaussian()).chains(2).warmup(30).samples(20).seed(3).run();
        assertEquals(0.0, a.draws().sub(b.draws()).norm1Number().doubleValue(), 0.0);
    }

    /** MCSE of the variance estimate: the MCSE of the mean of the squared deviations. */
    static double varianceMcse(double[][] x) {
        double m = mean(x);
        double[][] sq = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            sq[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                sq[c][i] = (x[c][i] - m) * (x[c][i] - m);
            }
        }
        return McseMean.of(sq);
    }

    static double mean(double[][] x) {
        double s = 0;
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    static double variance(double[][] x) {
        double m = mean(x);
        double s = 0;
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return s / (n - 1);
    }
}
