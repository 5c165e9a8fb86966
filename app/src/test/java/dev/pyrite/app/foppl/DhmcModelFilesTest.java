package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.inference.dhmc.DHMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pyfo's model files under DHMC, against their exact posterior means (within 4 MCSE, any seed). */
@Tag(TestSeeds.TAG)
class DhmcModelFilesTest {
    private static double[][] run(String file, String site, long seed) {
        ModelPotential u = ModelPotential.embedding(FopplProgram.load(Path.of("../examples", file)).model());
        McmcSamples s = DHMC.of(u).chains(16).warmup(200).samples(300).seed(seed).run();
        return Posterior.of(u, s).draws().get(site);
    }

    private static void assertMean(double[][] draws, double exact, String what) {
        double sum = 0;
        int n = 0;
        for (double[] chain : draws) {
            for (double v : chain) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        double mcse = McseMean.of(draws);
        assertTrue(Math.abs(mean - exact) < 4 * mcse, what + ": mean " + mean + ", exact " + exact + ", MCSE " + mcse);
    }

    /** The if finds x (the tracer marks it discontinuous); exact mean 2 phi(0) (a - b) / (a + b), a = phi(0), b = phi(2). */
    @Test
    void ifInOneDimension() {
        double a = Math.exp(0) / Math.sqrt(2 * Math.PI);
        double b = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        assertMean(run("if_1d.clj", "x", TestSeeds.seed(41)), 2 * a * (a - b) / (a + b), "x");
    }

    /** k ~ Poisson(3) through three Normal(k, 1) measurements; exact mean by summing over k. */
    @Test
    void poissonCount() {
        double[] y = {4.2, 5.1, 3.7};
        double norm = 0;
        double first = 0;
        for (int k = 0; k < 100; k++) {
            double lp = -3 + k * Math.log(3) - org.apache.commons.numbers.gamma.LogGamma.value(k + 1);
            for (double v : y) {
                lp -= 0.5 * (v - k) * (v - k);
            }
            norm += Math.exp(lp);
            first += k * Math.exp(lp);
        }
        assertMean(run("poisson.clj", "k", TestSeeds.seed(42)), first / norm, "k");
    }
}
