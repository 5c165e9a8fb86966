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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pathfinder on eight schools (reference model A, non-centred) against Stan's NUTS reference figures
 * (mean and sd of mu, tau and theta_tilde[1]: 4.36 (3.29), 3.59 (3.23), 0.31 (0.99), from the README).
 * Pathfinder is a normal approximation in the unconstrained space, and this posterior is far from normal
 * there (the joint mode sits at log tau of about 3.4, while the posterior mean of tau is 3.6): the
 * approximation of largest ELBO is taken early on the path, is narrower than the posterior, and importance
 * resampling cannot widen it. Its mean of mu comes out near 2 instead of 4.4. The check is therefore
 * loose, stated in Stan's posterior sds: each mean within one sd of Stan's, each sd within a factor 3.
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
        assertTrue(Double.isFinite(r.elbo()), "ELBO " + r.elbo());
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
