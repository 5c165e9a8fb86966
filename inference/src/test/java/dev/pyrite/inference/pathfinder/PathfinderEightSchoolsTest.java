package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.HalfCauchy;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pathfinder on eight schools (reference model A, non-centred) against Stan's NUTS reference figures
 * (mean and sd of mu, tau and theta_tilde[1]: 4.36 (3.29), 3.59 (3.23), 0.31 (0.99), from the README),
 * and its ELBO against log Z computed by quadrature.
 *
 * <p>Pathfinder is a normal approximation in the unconstrained space taken on the L-BFGS path to the
 * mode, and here that path leads away from the posterior: the joint mode sits at mu = 1.43,
 * log tau = 3.37, while the posterior's mean of log tau is 0.80 (sd 1.17). Traced iterate by iterate,
 * the approximations near the mode have ELBOs 8 to 30 nats below log Z; the best lie at iterates 1 to 5,
 * still near the uniform(-2, 2) start, with mu's sd 0.5 to 1 against the posterior's 3.3 (one or two
 * curvature pairs, no information along mu yet), about 2.5 nats below log Z. A full-rank Gaussian fitted
 * by maximising the ELBO reaches within 0.2 nats of log Z, with mu 4.47 (3.21): the loss is in
 * Pathfinder's candidates, not in the normal family. Importance resampling cannot reach mass the
 * approximations miss (Pareto k 0.7 to 1.1), so mu's mean comes out between 1.3 and 2.8 by seed. The
 * check on the draws is therefore loose, stated in Stan's posterior sds: each mean within one sd of
 * Stan's, each sd within a factor 3.
 */
@Tag(TestSeeds.TAG)
class PathfinderEightSchoolsTest {
    static final double MEAN_TOLERANCE = 1.0;
    static final double SD_FACTOR = 3.0;
    static final Tensor Y = Tensor.of(28, 8, -3, 7, -1, 1, 18, 12);
    static final Tensor SIGMA = Tensor.of(15, 10, 16, 11, 9, 11, 10, 18);

    static void eightSchools() {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 5));
        Tensor tau = Pyrite.sample("tau", HalfCauchy.of(Tensor.scalar(5)));
        try (Plate schools = Pyrite.plate("schools", 8)) {
            Tensor thetaTilde = Pyrite.sample("theta_tilde", Normal.of(0, 1));
            Pyrite.sample("y", Normal.of(mu.add(tau.mul(thetaTilde)), SIGMA), Y);
        }
    }

    @Test
    void drawsAreCloseToStan() {
        ModelPotential u = ModelPotential.of(PathfinderEightSchoolsTest::eightSchools);
        PathfinderResult r = Pathfinder.of(u).paths(4).draws(2000).seed(TestSeeds.seed(41)).run();
        Map<String, Tensor> values = u.constrain(Tensor.of(r.draws()));
        check("mu", column(values.get("mu"), -1), 4.36, 3.29);
        check("tau", column(values.get("tau"), -1), 3.59, 3.23);
        check("theta_tilde[1]", column(values.get("theta_tilde"), 0), 0.31, 0.99);
        // The ELBO is a lower bound of log Z; the selected one is the largest of noisy 25-draw estimates
        // (sd about 0.3 nats here), and sits 0.9 to 4 nats below log Z. It must not exceed it by 1.
        double logZ = logEvidence();
        assertTrue(r.elbo() < logZ + 1, "ELBO " + r.elbo() + " above log Z " + logZ);
        assertTrue(r.elbo() > logZ - 10, "ELBO " + r.elbo() + " far below log Z " + logZ);
        assertTrue(r.paretoK() > 0, "Pareto k " + r.paretoK() + ": the approximations' tails are too light here");
    }

    /**
     * log Z of eight schools: theta_tilde integrated in closed form (each school's y is normal with mean mu
     * and variance sigma^2 + tau^2), then (mu, log tau) by the midpoint rule on [-40, 50] x [-12, 8]
     * (the integrand there is below 1e-12 of its peak at the edges).
     */
    static double logEvidence() {
        double[] y = Y.array().toDoubleVector();
        double[] sigma = SIGMA.array().toDoubleVector();
        double hMu = 0.05;
        double hLogTau = 0.01;
        double sum = 0;
        for (double mu = -40 + hMu / 2; mu < 50; mu += hMu) {
            double muPrior = NormalDistribution.of(0, 5).logDensity(mu);
            for (double logTau = -12 + hLogTau / 2; logTau < 8; logTau += hLogTau) {
                double tau = Math.exp(logTau);
                // half-Cauchy(5) density of tau, times the Jacobian tau of tau = exp(log tau)
                double lp = muPrior + Math.log(2 / (Math.PI * 5)) - Math.log1p(tau * tau / 25) + logTau;
                for (int j = 0; j < 8; j++) {
                    lp += NormalDistribution.of(mu, Math.sqrt(sigma[j] * sigma[j] + tau * tau)).logDensity(y[j]);
                }
                sum += Math.exp(lp) * hMu * hLogTau;
            }
        }
        return Math.log(sum);
    }

    private static double[] column(Tensor t, int k) {
        org.nd4j.linalg.api.ndarray.INDArray a = t.array().reshape(t.size(0), -1);
        return a.getColumn(k < 0 ? 0 : k).dup().toDoubleVector();
    }

    private static void check(String name, double[] x, double stanMean, double stanSd) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / (x.length - 1);
        }
        assertEquals(stanMean, mean, MEAN_TOLERANCE * stanSd, name + " mean");
        double ratio = Math.sqrt(var) / stanSd;
        assertTrue(ratio > 1 / SD_FACTOR && ratio < SD_FACTOR, name + " sd " + Math.sqrt(var) + ", Stan " + stanSd);
    }
}
