package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.InverseGamma;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AutoDelta against the closed-form MAP of three conjugate models in one: a normal mean (normal prior,
 * known noise), a Poisson rate (gamma prior) and a normal variance (inverse-gamma prior). AutoDelta
 * documents that its ELBO is the log joint at the point, with no Jacobian, so its point is the mode of
 * the posterior density on the constrained space: for the rate, {@code (a + sum k - 1) / (b + n)}, not
 * the mode in the log space {@code (a + sum k) / (b + n)}, which the guide would find if the Jacobian
 * of exp were included. The two differ by 1 / (b + n), 15% of the rate here, far above the tolerance.
 *
 * <p>The guide has no noise (a Delta), so the loss and its gradient are deterministic and the test does
 * not depend on a seed: Adam with a rate that decays to 1e-5 converges to well within the tolerance.
 */
class AutoDeltaTest {
    static final double M0 = 1.0;
    static final double S0 = 2.0;
    static final double S = 1.5;
    static final Tensor X = Tensor.of(2.1, 3.4, 1.7, 2.9, 4.0, 2.2, 3.1, 2.6);
    static final double A = 3.0;
    static final double B = 0.5;
    static final Tensor K = Tensor.of(4, 7, 2, 5, 6, 3);
    static final double ALPHA = 2.5;
    static final double BETA = 1.2;
    static final Tensor Z = Tensor.of(0.8, -1.3, 0.4, 2.1, -0.6, -1.7, 0.9);

    /** args = (x, counts k, zero-mean z). */
    static void model(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(M0, S0));
        Tensor rate = Pyrite.sample("rate", Gamma.of(A, B));
        Tensor variance = Pyrite.sample("variance", InverseGamma.of(ALPHA, BETA));
        try (Plate p = Pyrite.plate("x", args[0].size(0))) {
            Pyrite.sample("obs_x", Normal.of(mu, Tensor.scalar(S)), args[0]);
        }
        try (Plate p = Pyrite.plate("k", args[1].size(0))) {
            Pyrite.sample("obs_k", Poisson.of(rate), args[1]);
        }
        try (Plate p = Pyrite.plate("z", args[2].size(0))) {
            Pyrite.sample("obs_z", Normal.of(Tensor.scalar(0.0), variance.sqrt()), args[2]);
        }
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Test
    void pointIsTheConstrainedPosteriorMode() {
        // normal-normal: the posterior is normal, its mode is its mean
        double precision = 1 / (S0 * S0) + X.numel() / (S * S);
        double muMap = (M0 / (S0 * S0) + X.sum().item() / (S * S)) / precision;
        // gamma-Poisson: posterior Gamma(a + sum k, b + n), mode (shape - 1) / rate
        double rateMap = (A + K.sum().item() - 1) / (B + K.numel());
        // inverse gamma-normal: posterior InverseGamma(alpha + n/2, beta + sum z^2 / 2), mode beta' / (alpha' + 1)
        double varianceMap = (BETA + Z.square().sum().item() / 2) / (ALPHA + Z.numel() / 2.0 + 1);

        AutoDelta guide = AutoDelta.of(AutoDeltaTest::model);
        SVI svi = new SVI(AutoDeltaTest::model, guide, Adam.of(LearningRateSchedule.exponential(0.05, 0.993), 0.9, 0.999),
                TraceELBO.of(1));
        svi.run(1500, X, K, Z);
        Map<String, Tensor> point = guide.median();
        assertEquals(muMap, point.get("mu").item(), 1e-4 * muMap, "mu");
        assertEquals(rateMap, point.get("rate").item(), 1e-4 * rateMap, "rate");
        assertEquals(varianceMap, point.get("variance").item(), 1e-4 * varianceMap, "variance");

        // a point mass: every quantile and every draw is the point
        for (String site : new String[]{"mu", "rate", "variance"}) {
            double x = point.get(site).item();
            assertEquals(x, guide.quantile(0.05).get(site).item(), 1e-12, site + " 5% quantile");
            assertEquals(x, guide.quantile(0.95).get(site).item(), 1e-12, site + " 95% quantile");
            for (double d : guide.sample(5, RandomStream.of(1)).get(site).toDoubleArray()) {
                assertEquals(x, d, 1e-12, site + " draw");
            }
        }
    }
}
