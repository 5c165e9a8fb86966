package dev.pyrite.app;

import static dev.pyrite.app.PosteriorChecks.assertConverged;
import static dev.pyrite.app.PosteriorChecks.assertMean;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every model file in examples/ runs with short chains and lands near the reference posteriors of
 * reference-models.md (Stan's means, with Stan's MCSE taken as sd / sqrt(its minimum bulk ESS)).
 */
class ExamplesTest {
    private static FopplProgram load(String name) {
        return FopplProgram.load(Path.of("../examples", name));
    }

    @Tag(TestSeeds.TAG)
    @Test
    void eightSchoolsMatchesStan() {
        McmcOutcome r = (McmcOutcome) ModelRun.of(load("eight_schools.clj")).chains(4).warmup(300).samples(500).seed(TestSeeds.seed(3)).run();
        // Stan: mu 4.36 (sd 3.29), tau 3.59 (sd 3.23), theta_tilde[1] 0.31 (sd 0.99); min bulk ESS 2332
        assertMean(r, "mu", 4.36, 3.29 / Math.sqrt(2332), 0.005);
        assertMean(r, "tau", 3.59, 3.23 / Math.sqrt(2332), 0.005);
        assertMean(r, "theta_tilde[1]", 0.31, 0.99 / Math.sqrt(2332), 0.005);
        assertConverged(r, 1.05);
        assertTrue(r.divergences() < 30, "divergences: " + r.divergences());
        // the program's value: theta = mu + tau * theta_tilde, one per school
        assertTrue(r.draws().containsKey("return[8]"));
        double[][] mu = r.draws().get("mu");
        double[][] tau = r.draws().get("tau");
        double[][] tt = r.draws().get("theta_tilde[3]");
        double[][] theta = r.draws().get("return[3]");
        assertEquals(mu[2][7] + tau[2][7] * tt[2][7], theta[2][7], 1e-12);
    }

    @Tag(TestSeeds.TAG)
    @Test
    void logisticRegressionMatchesStan() {
        McmcOutcome r = (McmcOutcome) ModelRun.of(load("logistic_regression.clj")).chains(4).warmup(200).samples(200).seed(TestSeeds.seed(4)).run();
        // Stan (4 x 1000 draws, min bulk ESS about 1900): b -0.3166 (0.1102), w[1] 0.6190 (0.1211),
        // w[2] -0.6210 (0.1103), w[7] 1.2175 (0.1276), w[23] 1.8049 (0.1591)
        assertMean(r, "b", -0.3166, 0.1102 / Math.sqrt(1900), 0);
        assertMean(r, "w[1]", 0.6190, 0.1211 / Math.sqrt(1900), 0);
        assertMean(r, "w[2]", -0.6210, 0.1103 / Math.sqrt(1900), 0);
        assertMean(r, "w[7]", 1.2175, 0.1276 / Math.sqrt(1900), 0);
        assertMean(r, "w[23]", 1.8049, 0.1591 / Math.sqrt(1900), 0);
        assertConverged(r, 1.05);
        assertEquals(0, r.divergences());
    }

    @Tag(TestSeeds.TAG)
    @Test
    void gaussianMixtureWithEnumeratedAssignmentsMatchesStan() {
        FopplProgram p = load("gmm.clj");
        Trace prior = Handlers.trace().getTrace(Handlers.seed(0).wrap(p.model()));
        assertArrayEquals(new long[]{500}, prior.value("z").shape());   // one site of 500 assignments
        assertArrayEquals(new long[]{3}, prior.value("theta").shape());
        RunResult r = ModelRun.of(p).chains(4).warmup(150).samples(150).seed(TestSeeds.seed(5)).run();
        // Stan: theta (0.318, 0.488, 0.194), mu (-5.185, -0.033, 5.079), sigma 1.047 (min bulk ESS 2766)
        assertMean(r, "theta[1]", 0.318, 0.021 / Math.sqrt(2766), 0.0005);
        assertMean(r, "sigma", 1.047, 0.035 / Math.sqrt(2766), 0.0005);
        assertMean(r, "mu1", -5.185, 0.087 / Math.sqrt(2766), 0.0005);
        assertMean(r, "return_2[3]", 5.079, 0.116 / Math.sqrt(2766), 0.0005);   // mu[3]
        assertTrue(r.note() == null, r.note());   // [theta mu sigma] does not depend on z
    }

    @Test
    void hiddenMarkovModelIsVectorisedOverSequencesAndMarkovInTime() {
        FopplModel m = load("hmm.clj").model();
        Trace prior = Handlers.trace().getTrace(Handlers.seed(0).wrap(m));
        assertArrayEquals(new long[]{4, 4}, prior.value("trans").shape());
        assertArrayEquals(new long[]{4, 10}, prior.value("emit").shape());
        assertArrayEquals(new long[]{50}, prior.value("start").shape());
        assertArrayEquals(new long[]{50, 199}, prior.value("state").shape());   // the loop: one Markov chain site
        assertEquals(2, m.plateNesting());   // sequences and, inside the loop, its steps
        m.checkGradientInference("NUTS");   // every hidden state has a finite support: enumerable
        assertTrue(m.hasDiscreteLatentSites());
    }
}
