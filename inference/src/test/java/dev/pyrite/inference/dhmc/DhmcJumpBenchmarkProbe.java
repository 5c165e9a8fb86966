package dev.pyrite.inference.dhmc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DHMC against NUTS on pyfo's if-in-1-D density (x ~ Normal(0, 1), a likelihood factor e^-2 where
 * x <= 0): bulk ESS per potential evaluation and per second of sampling, 4 chains x 1000 draws after 500
 * warm-up. Not part of the suite (timings); run with {@code -Dtest=DhmcJumpBenchmarkProbe}. Figures are
 * in the DHMC section of RESULTS.md.
 */
class DhmcJumpBenchmarkProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DhmcJumpBenchmarkProbe.class);

    private static final Potential IF_1D = new Potential() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public Tensor energy(Tensor q) {
            Tensor x = q.slice(1, 0, 1).reshape(-1);
            return x.square().mul(0.5).add(x.le(0.0).castTo(x.dtype()).mul(2.0));
        }
    };

    @Test
    void dhmcAgainstNuts() {
        for (int round = 0; round < 2; round++) {   // the first round warms the JIT up
            McmcSamples nuts = MCMC.nuts(IF_1D).chains(4).warmup(500).samples(1000).seed(1).run();
            McmcSamples dhmc = DHMC.of(IF_1D, new int[]{0}).chains(4).warmup(500).samples(1000).seed(1).run();
            double nutsRate = report(round, "NUTS", nuts);
            double dhmcRate = report(round, "DHMC", dhmc);
            assertTrue(dhmcRate > nutsRate, "DHMC's ESS per evaluation " + dhmcRate + " vs NUTS's " + nutsRate);
        }
    }

    /** Logs the figures and answers the bulk ESS per evaluation. */
    private static double report(int round, String name, McmcSamples s) {
        double ess = EffectiveSampleSize.bulk(s.coordinate(0));
        double evaluations = s.gradientEvaluations();
        String line = String.format("round %d %s: bulk ESS %.0f, evaluations %.0f, ESS/evaluation %.4f,"
                        + " sampling %.2f s, ESS/s %.0f", round, name, ess, evaluations, ess / evaluations,
                s.samplingSeconds(), ess / s.samplingSeconds());
        LOG.warn(line);
        return ess / evaluations;
    }
}
