package dev.pyrite.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ChEES-HMC and MEADS on an ill-conditioned 100-d Gaussian (scales log-spaced 0.01 to 1, condition number
 * 10^4): every coordinate's mean and variance within Monte Carlo error of the closed form.
 */
@Tag(TestSeeds.TAG)
class EnsembleGaussianTest {
    private static final double[] SIGMA = GaussianTargets.logSpaced(100, 0.01, 1);
    /**
     * 200 assertions on estimates per run: at 5 standard errors each fails with probability 5.7e-7, so
     * one of them with about 1e-4.
     */
    private static final double Z = 5;
    /** The MCSEs come from the ESS, which is trusted from 400 on (Vehtari et al. 2021, section 4). */
    private static final double MIN_ESS = 400;

    @Test
    void cheesRecoversTheMomentsOfAnIllConditionedGaussian() {
        McmcSamples s = ChEES.of(GaussianTargets.independent(SIGMA)).chains(128).warmup(300).samples(150)
                .seed(TestSeeds.seed(31)).dtype(DataType.DOUBLE).run();
        checkMoments(s, "ChEES");
        assertEquals(0, s.divergences());
        // The mass is the cross-chain variance: from even one iteration's 128 chains its relative sd is
        // sqrt(2 / 127) = 0.125, so 4 sd is 0.5.
        for (int d = 0; d < SIGMA.length; d++) {
            double ratio = s.inverseMass().getDouble(0, d) / (SIGMA[d] * SIGMA[d]);
            assertEquals(1.0, ratio, 0.5, "ChEES inverse mass / variance of coordinate " + d);
        }
    }

    /**
     * MEADS starts from a small ball around the mode, as a Pathfinder start would give: from uniform(-2, 2)
     * its cross-chain scale of the 0.01 coordinate stays far too large (the chains' excess energy inflates
     * the gradient-based eigenvalue, so the step size collapses, which slows the draining of that energy).
     */
    @Test
    void meadsRecoversTheMomentsOfAnIllConditionedGaussian() {
        int chains = 64;
        RandomStream r = RandomStream.of(TestSeeds.seed(32));
        double[] start = new double[chains * SIGMA.length];
        for (int i = 0; i < start.length; i++) {
            start[i] = 1e-3 * (2 * r.uniformDouble() - 1);
        }
        INDArray init = Nd4j.create(start, new long[]{chains, SIGMA.length}, DataType.DOUBLE);
        McmcSamples s = MEADS.of(GaussianTargets.independent(SIGMA)).chains(chains).warmup(500).samples(300)
                .initialPositions(init).seed(TestSeeds.seed(33)).dtype(DataType.DOUBLE).run();
        checkMoments(s, "MEADS");
        assertEquals(0, s.divergences());
    }

    private static void checkMoments(McmcSamples s, String algorithm) {
        for (int d = 0; d < SIGMA.length; d++) {
            double[][] x = s.coordinate(d);
            double[][] sq = Moments.squares(x, 0.0);
            double ess = Math.min(EffectiveSampleSize.bulk(x), EffectiveSampleSize.bulk(sq));
            assertTrue(ess > MIN_ESS, algorithm + " ESS of coordinate " + d + ": " + ess);
            double mean = Moments.mean(x);
            assertEquals(0.0, mean, Z * Moments.mcse(x), algorithm + " mean of coordinate " + d);
            // E[x^2] = sigma^2 about the known mean 0
            assertEquals(SIGMA[d] * SIGMA[d], Moments.mean(sq), Z * Moments.mcse(sq),
                    algorithm + " variance of coordinate " + d);
        }
    }
}
