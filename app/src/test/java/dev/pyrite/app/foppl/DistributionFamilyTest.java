package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Beta;
import dev.pyrite.distributions.Binomial;
import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Cauchy;
import dev.pyrite.distributions.Dirichlet;
import dev.pyrite.distributions.DiscreteUniform;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Exponential;
import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.HalfCauchy;
import dev.pyrite.distributions.HalfNormal;
import dev.pyrite.distributions.Laplace;
import dev.pyrite.distributions.LogNormal;
import dev.pyrite.distributions.MultivariateNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.distributions.StudentT;
import dev.pyrite.distributions.Uniform;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every distribution name maps to the Pyrite family with the right parameters: same log density. */
class DistributionFamilyTest {
    private static final Set<DistributionFamily> CHECKED = EnumSet.noneOf(DistributionFamily.class);

    private static void check(String form, String value, Supplier<Distribution> pyrite, Tensor v) {
        Trace t = TestPrograms.trace("(observe " + form + " " + value + ")", 0);
        Message m = t.sites().stream().filter(s -> s.observed && !s.isSubsample()).findFirst().orElseThrow();
        double got = m.logProbSum().item();
        double expected = pyrite.get().logProb(v).sum().item();
        assertEquals(expected, got, 1e-10, form);
        String name = form.substring(1, form.indexOf(' '));
        CHECKED.add(DistributionFamily.named(name));
    }

    private static Tensor s(double v) {
        return Tensor.scalar(v);
    }

    @Test
    void everyFamily() {
        check("(normal 1 2)", "0.5", () -> Normal.of(1, 2), s(0.5));
        check("(half-normal 2)", "0.5", () -> HalfNormal.of(2), s(0.5));
        check("(cauchy 1 2)", "0.5", () -> Cauchy.of(1, 2), s(0.5));
        check("(half-cauchy 2)", "0.5", () -> HalfCauchy.of(2), s(0.5));
        check("(student-t 3)", "0.5", () -> StudentT.of(3, 0, 1), s(0.5));
        check("(student-t 3 1 2)", "0.5", () -> StudentT.of(3, 1, 2), s(0.5));
        check("(laplace 1 2)", "0.5", () -> Laplace.of(1, 2), s(0.5));
        check("(uniform-continuous -1 2)", "0.5", () -> Uniform.of(-1, 2), s(0.5));
        check("(beta 2 3)", "0.25", () -> Beta.of(2, 3), s(0.25));
        check("(gamma 2 3)", "0.5", () -> Gamma.of(2, 3), s(0.5));       // shape, rate
        check("(exponential 3)", "0.5", () -> Exponential.of(3), s(0.5));
        check("(lognormal 1 2)", "0.5", () -> LogNormal.of(1, 2), s(0.5));
        check("(dirichlet [1 2 3])", "[0.2 0.3 0.5]", () -> Dirichlet.of(Tensor.of(1, 2, 3)), Tensor.of(0.2, 0.3, 0.5));
        check("(mvn [0 1] [[2 0.5] [0.5 1]])", "[0.3 0.4]",
                () -> MultivariateNormal.ofCovariance(Tensor.of(0, 1), Tensor.of(new double[][]{{2, 0.5}, {0.5, 1}})),
                Tensor.of(0.3, 0.4));
        check("(bernoulli 0.3)", "1", () -> Bernoulli.ofProbs(0.3), s(1));
        check("(bernoulli-logit 0.3)", "0", () -> Bernoulli.ofLogits(s(0.3)), s(0));
        check("(flip 0.3)", "true", () -> Bernoulli.ofProbs(0.3), s(1));
        // weights are normalised: [1 1 2] is [0.25 0.25 0.5]; values are 0-based
        check("(categorical [1 1 2])", "2", () -> Categorical.ofProbs(Tensor.of(0.25, 0.25, 0.5)), s(2));
        check("(discrete [0.2 0.8])", "0", () -> Categorical.ofProbs(Tensor.of(0.2, 0.8)), s(0));
        check("(categorical-logit [0 1 2])", "1", () -> Categorical.ofLogits(Tensor.of(0, 1, 2)), s(1));
        check("(binomial 10 0.3)", "4", () -> Binomial.ofProbs(10, 0.3), s(4));
        check("(poisson 3)", "4", () -> Poisson.of(3), s(4));
        check("(uniform-discrete 2 5)", "4", () -> DiscreteUniform.of(2, 4), s(4));   // 2, 3, 4
        for (DistributionFamily f : DistributionFamily.values()) {
            assertNotNull(CHECKED.contains(f) ? f : null, "not checked: " + f.fopplName());
        }
    }

    @Test
    void batchedArgumentsGiveOneSite() {
        Trace t = TestPrograms.trace("(observe (gamma [1 2 3] 2) [0.5 1 1.5])", 0);
        Message m = t.sites().stream().filter(s -> s.observed && !s.isSubsample()).findFirst().orElseThrow();
        double expected = Gamma.of(Tensor.of(1, 2, 3), Tensor.scalar(2)).logProb(Tensor.of(0.5, 1, 1.5)).sum().item();
        assertEquals(expected, m.logProbSum().item(), 1e-10);
        assertEquals(1, m.frames.size());
    }
}
