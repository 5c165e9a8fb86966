package dev.pyrite.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.inference.diagnostics.SplitRhat;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** NUTS on model B against Stan's posterior (reference-models.md: 4 x 1000 draws). */
@Tag(TestSeeds.TAG)
@Tag("slow")
class LogisticRegressionNutsTest {
    @Test
    void posteriorMatchesStan() {
        ModelPotential u = ModelPotential.of(LogisticRegressionModel.load());
        Posterior post = Posterior.of(u, MCMC.nuts(u).chains(4).warmup(300).samples(400).seed(TestSeeds.seed(4)).run());
        Map<String, double[][]> d = post.draws();
        check(d.get("b"), -0.3166, 0.1102, "b");
        check(d.get("w[1]"), 0.6190, 0.1211, "w[1]");
        check(d.get("w[2]"), -0.6210, 0.1103, "w[2]");
        check(d.get("w[7]"), 1.2175, 0.1276, "w[7]");
        check(d.get("w[23]"), 1.8049, 0.1591, "w[23]");
        assertTrue(post.samples().divergences() == 0, "divergences: " + post.samples().divergences());
    }

    /**
     * Our mean within 4.5 combined (five checks) standard errors of Stan's: ours is the MCSE of this run; Stan's is its
     * sd / sqrt(ESS) with its reported minimum bulk ESS of about 1900.
     */
    private static void check(double[][] draws, double stanMean, double stanSd, String name) {
        double mean = 0;
        int n = 0;
        for (double[] c : draws) {
            for (double v : c) {
                mean += v;
                n++;
            }
        }
        mean /= n;
        double se = Math.hypot(McseMean.of(draws), stanSd / Math.sqrt(1900));
        assertTrue(Math.abs(mean - stanMean) < 4.5 * se, name + ": mean " + mean + " vs Stan " + stanMean + " (se " + se + ")");
        // 4 x 400 draws: split R-hat scatters by about 0.005 around 1, so 1.01 is no test.
        assertTrue(SplitRhat.rhat(draws) < 1.05, name + ": R-hat " + SplitRhat.rhat(draws));
    }
}
