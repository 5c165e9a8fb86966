package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.param;
import static dev.pyrite.handlers.Pyrite.plate;
import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hand-built ELBO: trace the guide, replay the model against it, subtract. Model z ~ N(0, 1),
 * x ~ N(z, 1) with x observed; guide z ~ N(m, s) with m, s from the parameter store.
 */
class ElboTest {
    static final double X = 1.7;
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    @BeforeEach
    void clearStore() {
        ParamStore.global().clear();
    }

    static void model(long particles) {
        try (Plate p = plate("particles", particles)) {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            sample("x", Normal.of(z, Tensor.scalar(1.0)), Tensor.scalar(X));
        }
    }

    static void guide(long particles, double m0, double s0) {
        Tensor m = param("m", Tensor.scalar(m0));
        Tensor s = param("s", Tensor.scalar(s0), Constraints.POSITIVE);
        try (Plate p = plate("particles", particles)) {
            sample("z", Normal.of(m, s));
        }
    }

    /** Per-particle ELBO terms log p(x, z) - log q(z), shape [particles]. */
    static Tensor perParticleElbo(Trace modelTrace, Trace guideTrace) {
        Tensor logP = modelTrace.site("z").scaledLogProb().add(modelTrace.site("x").scaledLogProb());
        return logP.sub(guideTrace.site("z").scaledLogProb());
    }

    static double closedForm(double m, double s) {
        double prior = -HALF_LOG_2PI - (m * m + s * s) / 2;
        double likelihood = -HALF_LOG_2PI - ((X - m) * (X - m) + s * s) / 2;
        double entropy = HALF_LOG_2PI + 0.5 + Math.log(s);
        return prior + likelihood + entropy;
    }

    static double logN(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI;
    }

    @Test
    void singleSampleEstimatorEqualsItsValueByHand() {
        Trace g = Handlers.trace().getTrace(Handlers.seed(11).wrap(() -> guide(1, 0.4, 0.8)));
        Trace m = Handlers.trace().getTrace(Handlers.replay(g).wrap(() -> model(1)));
        double elbo = m.logProbSum().sub(g.logProbSum()).item();
        double z = g.value("z").item();
        assertEquals(z, m.value("z").item(), 0.0, "the model sees the guide's draw");
        double byHand = logN(z, 0, 1) + logN(X, z, 1) - logN(z, 0.4, 0.8);
        assertEquals(byHand, elbo, 1e-12);
        assertEquals(0.8, ParamStore.global().get("s").item(), 1e-15);
        assertEquals(Math.log(0.8), ParamStore.global().unconstrained("s").item(), 1e-15);
    }

    @Tag(TestSeeds.TAG)
    @Test
    void manyParticlesMatchTheClosedForm() {
        int n = 200_000;
        Trace g = Handlers.trace().getTrace(Handlers.seed(TestSeeds.seed(5)).wrap(() -> guide(n, 0.4, 0.8)));
        Trace m = Handlers.trace().getTrace(Handlers.replay(g).wrap(() -> model(n)));
        Tensor terms = perParticleElbo(m, g);
        assertEquals(n, terms.numel());
        double[] v = terms.toDoubleArray();
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(var / (n - 1) / n);
        double exact = closedForm(0.4, 0.8);
        assertEquals(mean, m.logProbSum().sub(g.logProbSum()).item() / n, 1e-9, "log joints sum the same terms");
        assertTrue(Math.abs(mean - exact) < 5 * se, "ELBO estimate " + mean + " vs closed form " + exact
                + " (standard error " + se + ")");
    }

    @Test
    void exactPosteriorGuideGivesTheLogEvidenceForEveryParticle() {
        // With q = p(z | x) = N(x/2, 1/sqrt 2) every particle's ELBO term is log p(x) = log N(x; 0, sqrt 2).
        double s = Math.sqrt(0.5);
        Trace g = Handlers.trace().getTrace(Handlers.seed(9).wrap(() -> guide(1000, X / 2, s)));
        Trace m = Handlers.trace().getTrace(Handlers.replay(g).wrap(() -> model(1000)));
        double logEvidence = logN(X, 0, Math.sqrt(2));
        for (double t : perParticleElbo(m, g).toDoubleArray()) {
            assertEquals(logEvidence, t, 1e-12);
        }
        assertEquals(closedForm(X / 2, s), logEvidence, 1e-12, "the closed form agrees at the optimum");
    }
}
