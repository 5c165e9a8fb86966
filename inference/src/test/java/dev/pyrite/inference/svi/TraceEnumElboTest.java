package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Delta;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The enumerated ELBO of a two-component mixture against the bound computed by hand. */
class TraceEnumElboTest {
    private static final double[] X = {-1.2, 0.4, 2.9};
    private static final double[] WEIGHTS = {0.3, 0.7};

    @Test
    void twoComponentMixtureEqualsTheHandComputedBound() {
        ParamStore.global().clear();
        double m0 = -1.0;
        double m1 = 2.5;
        Runnable model = () -> {
            Tensor mu0 = Pyrite.sample("mu0", Normal.of(0, 10));
            Tensor mu1 = Pyrite.sample("mu1", Normal.of(0, 10));
            try (Plate data = Pyrite.plate("data", X.length)) {
                Tensor z = Pyrite.sample("z", Categorical.ofProbs(Tensor.of(WEIGHTS)));
                Tensor loc = mu0.add(z.castTo(Backend.floatType()).mul(mu1.sub(mu0)));
                Pyrite.sample("x", Normal.of(loc, Tensor.scalar(1)), Tensor.of(X));
            }
        };
        // A point-mass guide on the means: the bound is then log p(x, mu) with z summed out, exactly.
        Runnable guide = () -> {
            Tensor a = Pyrite.param("a", Tensor.scalar(m0));
            Tensor b = Pyrite.param("b", Tensor.scalar(m1));
            Pyrite.sample("mu0", Delta.of(a, Tensor.scalar(0), 0));
            Pyrite.sample("mu1", Delta.of(b, Tensor.scalar(0), 0));
        };
        double expected = logNormal(m0, 0, 10) + logNormal(m1, 0, 10);
        for (double x : X) {
            expected += Math.log(WEIGHTS[0] * Math.exp(logNormal(x, m0, 1)) + WEIGHTS[1] * Math.exp(logNormal(x, m1, 1)));
        }
        SVI svi = SVI.of(model, guide, Adam.of(0.01), TraceEnumELBO.of(3));
        assertEquals(-expected, svi.evaluateLoss(), 1e-10);
    }

    private static double logNormal(double x, double loc, double scale) {
        double z = (x - loc) / scale;
        return -0.5 * z * z - Math.log(scale) - 0.5 * Math.log(2 * Math.PI);
    }
}
