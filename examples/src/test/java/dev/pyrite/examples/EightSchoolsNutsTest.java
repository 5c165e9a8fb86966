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

/** NUTS on model A (non-centred eight schools) against Stan's posterior (reference-models.md). */
@Tag(TestSeeds.TAG)
@Tag("slow")
class EightSchoolsNutsTest {
    @Test
    void posteriorMatchesStan() {
        ModelPotential u = ModelPotential.of(EightSchoolsModel.load());
        Posterior post = Posterior.of(u, MCMC.nuts(u).chains(4).warmup(500).samples(500).seed(TestSeeds.seed(8)).run());
        Map<String, double[][]> d = post.draws();
        // Stan's reported minimum bulk ESS is 2332; its MCSE is sd / sqrt(that).
        check(d.get("mu"), 4.36, 3.29, "mu");
        check(d.get("tau"), 3.59, 3.23, "tau");
        check(d.get("theta_tilde[1]"), 0.31, 0.99, "theta_tilde[1]");
        // "Expect a few divergences at target acceptance 0.8": a few, not many.
        assertTrue(post.samples().divergences() < 40, "divergences: " + post.samples().divergences());
    }

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
        // Stan's figures are printed to two decimals: add their rounding (0.005) to the tolerance.
        double se = Math.hypot(McseMean.of(draws), stanSd / Math.sqrt(2332));
        assertTrue(Math.abs(mean - stanMean) < 4.5 * se + 0.005,
                name + ": mean " + mean + " vs Stan " + stanMean + " (se " + se + ")");
        // 4 x 500 draws: split R-hat scatters by about 0.01 around 1 here, so 1.01 is no test.
        assertTrue(SplitRhat.rhat(draws) < 1.05, name + ": R-hat " + SplitRhat.rhat(draws));
    }
}
