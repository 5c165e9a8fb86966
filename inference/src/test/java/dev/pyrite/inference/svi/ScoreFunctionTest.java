package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Beta;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Beta-Bernoulli with a Beta guide: Beta has no reparameterised sampler, so the gradient comes from the
 * score-function path only. Prior Beta(2, 2), 7 successes in 10 trials: the posterior is Beta(9, 5)
 * (mean 9/14 = 0.6429, sd 0.124), which the guide family contains.
 */
@Tag(TestSeeds.TAG)
class ScoreFunctionTest {
    static final Tensor Y = Tensor.of(1, 1, 0, 1, 1, 0, 1, 1, 0, 1);

    static void model(Tensor... args) {
        Tensor p = Pyrite.sample("p", Beta.of(2, 2));
        try (Plate d = Pyrite.plate("data", args[0].size(0))) {
            Pyrite.sample("y", Bernoulli.ofProbs(p), args[0]);
        }
    }

    static void guide(Tensor... args) {
        Tensor a = Pyrite.param("a", Tensor.scalar(1.0), Constraints.POSITIVE);
        Tensor b = Pyrite.param("b", Tensor.scalar(1.0), Constraints.POSITIVE);
        Pyrite.sample("p", Beta.of(a, b));
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Test
    void scoreFunctionPathConvergesToTheExactPosteriorMean() {
        SVI svi = new SVI(ScoreFunctionTest::model, ScoreFunctionTest::guide,
                Adam.of(LearningRateSchedule.exponential(0.05, 0.999), 0.9, 0.999), TraceELBO.of(64)).seed(TestSeeds.seed(7));
        svi.run(1500, Y);
        double a = svi.store().get("a").item();
        double b = svi.store().get("b").item();
        double mean = a / (a + b);
        // Tolerance 0.03, a quarter of the posterior sd: the score-function gradient of the mean has
        // per-step noise of about sd / sqrt(64) and Adam's final steps (lr ~ 0.011) average it further.
        assertEquals(9.0 / 14.0, mean, 0.03, "guide mean a/(a+b) with a=" + a + ", b=" + b);
    }
}
