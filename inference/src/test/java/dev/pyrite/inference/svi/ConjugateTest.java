package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Normal-Normal conjugate model: the exact posterior is Normal, so AutoNormal can recover it exactly. */
@Tag(TestSeeds.TAG)
class ConjugateTest {
    static final double M0 = 1.0;
    static final double S0 = 2.0;
    static final double S = 1.5;
    static final Tensor X = Tensor.of(2.1, 3.4, 1.7, 2.9, 4.0, 2.2, 3.1, 2.6);

    static void model(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(M0, S0));
        try (Plate p = Pyrite.plate("data", args[0].size(0))) {
            Pyrite.sample("x", Normal.of(mu, Tensor.scalar(S)), args[0]);
        }
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Test
    void autoNormalRecoversTheExactPosterior() {
        double n = X.numel();
        double precision = 1 / (S0 * S0) + n / (S * S);
        double mean = (M0 / (S0 * S0) + X.sum().item() / (S * S)) / precision;
        double sd = 1 / Math.sqrt(precision);
        AutoNormal guide = AutoNormal.of(ConjugateTest::model);
        SVI svi = new SVI(ConjugateTest::model, guide, Adam.of(LearningRateSchedule.exponential(0.05, 0.998), 0.9, 0.999),
                TraceELBO.of(64)).seed(TestSeeds.seed(3));
        svi.run(2000, X);
        double m = guide.median().get("mu").item();
        double s = svi.store().get("AutoNormal.scale.mu").item();
        assertEquals(mean, m, 0.02 * Math.abs(mean), "posterior mean");
        assertEquals(sd, s, 0.02 * sd, "posterior sd");
        // the quantiles agree with the exact normal posterior's
        assertEquals(mean + 1.6448536269514722 * sd, guide.quantile(0.95).get("mu").item(), 0.03 * sd * 3);
    }
}
