package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
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
            // The variance estimate: relative SE of a variance from ESS draws is about sqrt(2/ESS).
            double ess = EffectiveSampleSize.bulk(x);
            double var = variance(x);
            double expected = SIGMA[d] * SIGMA[d];
            assertEquals(expected, var, 4 * expected * Math.sqrt(2 / ess), "variance of coordinate " + d);
        }
        assertEquals(0, s.divergences());
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
