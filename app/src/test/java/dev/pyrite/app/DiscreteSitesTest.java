package dev.pyrite.app;

import static dev.pyrite.app.PosteriorChecks.assertMean;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A two-component mixture written with a discrete assignment per point and an {@code if} on it: NUTS sums
 * the assignments out by parallel enumeration, and the posterior mean of p matches numerical integration.
 */
@Tag(TestSeeds.TAG)
class DiscreteSitesTest {
    private static final double[] YS = {0.1, 2.3, -0.4, 1.9, 2.2, 0.3, 1.7, 2.8};
    private static final String MODEL = String.join("\n",
            "(let [p  (sample (beta 1 1))",
            "      ys [0.1 2.3 -0.4 1.9 2.2 0.3 1.7 2.8]]",
            "  (foreach 8 [y ys]",
            "    (let [z (sample (flip p))]",
            "      (if z",
            "          (observe (normal 2 1) y)",
            "          (observe (normal 0 1) y))))",
            "  p)");

    /** E[p | ys] by the midpoint rule on (0, 1). */
    private static double exactMean() {
        int n = 20000;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double p = (i + 0.5) / n;
            double lik = 1;
            for (double y : YS) {
                lik *= p * density(y, 2) + (1 - p) * density(y, 0);
            }
            num += p * lik;
            den += lik;
        }
        return num / den;
    }

    private static double density(double y, double mean) {
        return Math.exp(-0.5 * (y - mean) * (y - mean)) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void ifOnAnEnumeratedCondition() {
        FopplProgram program = FopplProgram.parse(MODEL, "mixture.clj", null);
        RunResult r = ModelRun.of(program).chains(4).warmup(300).samples(500).seed(TestSeeds.seed(11)).run();
        assertMean(r, "p", exactMean(), 0, 0);
    }
}
