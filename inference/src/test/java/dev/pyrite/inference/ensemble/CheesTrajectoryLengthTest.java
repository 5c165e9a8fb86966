package dev.pyrite.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ChEES-HMC's warm-up finds the ChEES-optimal trajectory length quickly: after 150 warm-up iterations on a
 * 10-d Gaussian with scales 0.1 to 10, T (in whitened units) is near the analytic optimum for a standard
 * Gaussian, and the draws have the right moments.
 */
@Tag(TestSeeds.TAG)
class CheesTrajectoryLengthTest {
    private static final double[] SIGMA = GaussianTargets.logSpaced(10, 0.1, 10);
    /** 20 assertions on estimates: at 4 standard errors each fails with probability 6.3e-5. */
    private static final double Z = 4;
    /** The MCSEs come from the ESS, which is trusted from 400 on (Vehtari et al. 2021, section 4). */
    private static final double MIN_ESS = 400;
    /**
     * T may miss the optimum by this factor: the leapfrog count is rounded up (each trajectory runs about
     * half a step longer than jitter x T, so the adapted T sits about eps/2, some 0.4, below the optimum),
     * the mass is estimated, and T's average over the last window is noisy. The factor still excludes the
     * criterion's second basin (T > 3.86) and the unadapted start (T about 0.15).
     */
    private static final double FACTOR = 1.6;

    @Test
    void trajectoryLengthReachesTheCheesOptimumOfAGaussianWithinAShortWarmup() {
        CheesSampler sampler = (CheesSampler) ChEES.of(GaussianTargets.independent(SIGMA)).chains(128).warmup(150)
                .samples(100).seed(TestSeeds.seed(61)).dtype(DataType.DOUBLE).sampler();
        McmcSamples s = sampler.run();
        double optimum = cheesOptimalLengthOfAStandardGaussian();
        double t = sampler.trajectoryLength();
        assertTrue(t > optimum / FACTOR && t < optimum * FACTOR,
                "adapted trajectory length " + t + ", ChEES optimum " + optimum);
        for (int d = 0; d < SIGMA.length; d++) {
            double[][] x = s.coordinate(d);
            double[][] sq = Moments.squares(x, 0.0);
            double ess = Math.min(EffectiveSampleSize.bulk(x), EffectiveSampleSize.bulk(sq));
            assertTrue(ess > MIN_ESS, "ESS of coordinate " + d + ": " + ess);
            assertEquals(0.0, Moments.mean(x), Z * Moments.mcse(x), "mean of coordinate " + d);
            assertEquals(SIGMA[d] * SIGMA[d], Moments.mean(sq), Z * Moments.mcse(sq), "variance of coordinate " + d);
        }
    }

    /**
     * In whitened units the target is N(0, I_d) and exact dynamics give q(t) = q cos t + p sin t, so
     * |q(t)|^2 - |q|^2 = sin^2 t (|p|^2 - |q|^2) + sin 2t (q.p), whose square has mean 4d sin^2 t (the cross
     * term vanishes by symmetry, E(|p|^2 - |q|^2)^2 = 4d, E(q.p)^2 = d): ChEES(t) = d sin^2 t. Jittered,
     * t = uT with u uniform on (0, 1): E ChEES = d/2 (1 - sin(2T) / (2T)), whose first maximum is where
     * x = 2T solves tan x = x on (pi, 3 pi / 2). Solved by bisection on sin x - x cos x.
     */
    private static double cheesOptimalLengthOfAStandardGaussian() {
        double lo = Math.PI;
        double hi = 1.5 * Math.PI - 1e-9;
        for (int i = 0; i < 100; i++) {
            double mid = 0.5 * (lo + hi);
            // sin x - x cos x is positive on (pi, root) (pi at x = pi) and negative on (root, 3 pi / 2)
            if (Math.sin(mid) - mid * Math.cos(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi) / 2;
    }
}
