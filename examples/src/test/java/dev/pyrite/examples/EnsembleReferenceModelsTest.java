package dev.pyrite.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.inference.ensemble.ChEES;
import dev.pyrite.inference.ensemble.MEADS;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ChEES-HMC and MEADS on reference models A (non-centred eight schools) and B (logistic regression)
 * against Stan's posterior means (test resource {@code reference/stan_posteriors.csv}).
 */
@Tag(TestSeeds.TAG)
@Tag("slow")
class EnsembleReferenceModelsTest {
    /** At most five checks per run: 4.5 combined standard errors keep the chance of a false failure near 3e-5. */
    private static final double Z = 4.5;
    /** The MCSE comes from the ESS, which is trusted from 400 on (Vehtari et al. 2021). */
    private static final double MIN_ESS = 400;

    @Test
    void cheesOnEightSchools() {
        ModelPotential u = ModelPotential.of(EightSchoolsModel.load());
        McmcSamples s = ChEES.of(u).chains(64).warmup(300).samples(100).seed(TestSeeds.seed(51)).run();
        check("A", Posterior.of(u, s), "ChEES");
        // "Expect a few divergences at target acceptance 0.8" for NUTS; ChEES's shorter steps see fewer.
        assertTrue(s.divergences() < 0.02 * 64 * 100, "ChEES divergences: " + s.divergences());
    }

    @Test
    void cheesOnLogisticRegression() {
        ModelPotential u = ModelPotential.of(LogisticRegressionModel.load());
        McmcSamples s = ChEES.of(u).chains(64).warmup(300).samples(100).seed(TestSeeds.seed(52)).run();
        check("B", Posterior.of(u, s), "ChEES");
        assertTrue(s.divergences() == 0, "ChEES divergences: " + s.divergences());
    }

    @Test
    void meadsOnEightSchools() {
        ModelPotential u = ModelPotential.of(EightSchoolsModel.load());
        McmcSamples s = MEADS.of(u).chains(64).warmup(500).samples(500).seed(TestSeeds.seed(53)).run();
        check("A", Posterior.of(u, s), "MEADS");
    }

    @Test
    void meadsOnLogisticRegression() {
        ModelPotential u = ModelPotential.of(LogisticRegressionModel.load());
        McmcSamples s = MEADS.of(u).chains(64).warmup(1000).samples(300).seed(TestSeeds.seed(54)).run();
        check("B", Posterior.of(u, s), "MEADS");
        assertTrue(s.divergences() == 0, "MEADS divergences: " + s.divergences());
    }

    /** Each mean within Z combined standard errors (ours, Stan's, and Stan's rounding) of Stan's. */
    private static void check(String model, Posterior post, String algorithm) {
        Map<String, double[][]> draws = post.draws();
        for (StanReference ref : StanReference.of(model)) {
            double[][] x = draws.get(ref.parameter());
            double ess = EffectiveSampleSize.bulk(x);
            assertTrue(ess > MIN_ESS, algorithm + " on " + model + ": bulk ESS of " + ref.parameter() + " " + ess);
            double mean = mean(x);
            double se = Math.hypot(McseMean.of(x), ref.standardError());
            assertTrue(Math.abs(mean - ref.mean()) < Z * se + ref.rounding(), algorithm + " on " + model + ": "
                    + ref.parameter() + " mean " + mean + " vs Stan " + ref.mean() + " (se " + se + ", ESS " + ess + ")");
        }
    }

    private static double mean(double[][] x) {
        double s = 0;
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v;
                n++;
            }
        }
        return s / n;
    }
}
