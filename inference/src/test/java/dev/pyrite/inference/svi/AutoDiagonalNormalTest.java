package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * AutoDiagonalNormal against a posterior that is exactly a normal with independent coordinates: three
 * group means with normal priors and known, different noise scales. The guide family holds the exact
 * posterior, so the optimum of the ELBO is the closed-form mean and sd; the check averages the SVI
 * iterates at a constant rate and allows for their Monte Carlo error ({@link IterateAverage}).
 */
@Tag(TestSeeds.TAG)
class AutoDiagonalNormalTest {
    /** The 84.1% normal quantile: quantile(PHI_1) - median is the sd of a normal marginal. */
    static final double PHI_1 = 0.8413447460685429;
    static final Tensor M0 = Tensor.of(0.0, 1.0, -1.0);
    static final double S0 = 2.0;
    static final Tensor SIGMA = Tensor.of(0.5, 1.0, 2.0);
    /** Five observations [5, 3] of each of the three groups. */
    static final Tensor X = Tensor.of(new double[][]{
            {1.2, 0.4, -2.5}, {0.9, 1.8, 0.3}, {1.6, -0.2, -3.1}, {1.1, 1.1, 1.4}, {0.7, 0.6, -0.9}});

    static void model(Tensor... args) {
        Tensor mu;
        try (Plate g = Pyrite.plateAt("groups", 3, -1)) {
            mu = Pyrite.sample("mu", Normal.of(M0, Tensor.scalar(S0)));
        }
        try (Plate g = Pyrite.plateAt("groups", 3, -1); Plate d = Pyrite.plateAt("data", args[0].size(0), -2)) {
            Pyrite.sample("x", Normal.of(mu, SIGMA), args[0]);
        }
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Test
    void recoversTheExactIndependentPosterior() {
        double n = X.size(0);
        double[] m0 = M0.toDoubleArray();
        double[] sigma = SIGMA.toDoubleArray();
        double[] sums = X.sum(false, 0).toDoubleArray();
        AutoDiagonalNormal guide = AutoDiagonalNormal.of(AutoDiagonalNormalTest::model);
        // 256 particles cost little more than 16 and shorten the memory of Adam's normalised steps, and
        // beta2 = 0.99 forgets the approach's large gradients: the averaged series then has an effective
        // size in the tens even for the widest coordinate (with 16 particles and beta2 = 0.999 it did not)
        SVI svi = new SVI(AutoDiagonalNormalTest::model, guide,
                Adam.of(IterateAverage.warmupThenConstant(0.05, 0.01, 1000), 0.9, 0.99), TraceELBO.of(256))
                .seed(TestSeeds.seed(31));
        IterateAverage avg = IterateAverage.of(svi, 1000, 1000, () -> {
            double[] median = guide.median().get("mu").toDoubleArray();
            double[] upper = guide.quantile(PHI_1).get("mu").toDoubleArray();
            double[] out = new double[6];
            for (int j = 0; j < 3; j++) {
                out[j] = median[j];
                out[3 + j] = upper[j] - median[j];
            }
            return out;
        }, X);
        for (int j = 0; j < 3; j++) {
            double precision = 1 / (S0 * S0) + n / (sigma[j] * sigma[j]);
            double mean = (m0[j] / (S0 * S0) + sums[j] / (sigma[j] * sigma[j])) / precision;
            avg.assertNear(j, mean, 1 / Math.sqrt(precision), "posterior mean of mu[" + j + "]");
            avg.assertNear(3 + j, 1 / Math.sqrt(precision), 1 / Math.sqrt(precision), "posterior sd of mu[" + j + "]");
        }
    }
}
