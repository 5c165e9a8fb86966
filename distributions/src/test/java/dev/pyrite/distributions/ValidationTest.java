package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyrite.distributions.UnivariateFamilies.Family;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input raises IllegalArgumentException naming the family, the parameter, the condition and the
 * offending value; no invalid parameter gives a silent NaN while validation is on.
 */
class ValidationTest {
    private static void fails(String expected, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertEquals(expected, ex.getMessage());
    }

    private static void failsWith(Executable e, String... parts) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) {
            assertTrue(ex.getMessage().contains(p), "message '" + ex.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void messagesNameFamilyParameterConditionAndValue() {
        fails("Normal: parameter scale must be > 0, got -1.0", () -> Normal.of(0.0, -1.0));
        fails("Normal: parameter scale must be > 0, got -2.0 (element 1 of batch shape [3])",
                () -> Normal.of(Tensor.zeros(3), Tensor.of(1.0, -2.0, 3.0)));
        fails("Normal: parameter loc must be finite, got NaN", () -> Normal.of(Double.NaN, 1.0));
        fails("Bernoulli: parameter probs must be in unit interval, got 1.5", () -> Bernoulli.ofProbs(1.5));
        fails("Categorical: parameter probs must be a simplex (entries >= 0 summing to 1 along the last dimension), "
                + "got [0.5, 0.6]", () -> Categorical.ofProbs(Tensor.of(0.5, 0.6)));
        fails("MultivariateNormal: parameter covariance must be symmetric positive definite, got [[1.0, 2.0], [2.0, 1.0]]",
                () -> MultivariateNormal.ofCovariance(Tensor.zeros(2), Tensor.of(new double[][]{{1, 2}, {2, 1}})));
        fails("MultivariateNormal: parameter scaleTril must be a lower Cholesky factor (lower triangular, positive "
                        + "diagonal), got [[1.0, 0.5], [0.0, 1.0]]",
                () -> MultivariateNormal.ofScaleTril(Tensor.zeros(2), Tensor.of(new double[][]{{1, 0.5}, {0, 1}})));
        fails("Gamma: value must lie in the support (positive), got -1.0", () -> Gamma.of(2.0, 1.0).logProb(Tensor.scalar(-1.0)));
        fails("Normal: parameter shapes do not broadcast: loc [2] and scale [3]",
                () -> Normal.of(Tensor.zeros(2), Tensor.ones(3)));
        fails("Uniform: parameter high must be > low, got high = 1.0 and low = 2.0", () -> Uniform.of(2.0, 1.0));
        fails("TruncatedNormal: parameter high must be > low, got high = -1.0 and low = 1.0",
                () -> TruncatedNormal.of(0.0, 1.0, 1.0, -1.0));
        fails("DiscreteUniform: parameter high must be >= low, got high = 2.0 and low = 3.0", () -> DiscreteUniform.of(3, 2));
        fails("Binomial: parameter totalCount must be in nonnegative integer, got 2.5",
                () -> Binomial.ofProbs(2.5, 0.3));
        fails("Poisson: value must lie in the support (nonnegative integer), got 1.5", () -> Poisson.of(2.0).logProb(Tensor.scalar(1.5)));
        fails("LKJCholesky: dimension must be >= 2, got 1", () -> LKJCholesky.of(1, 1.0));
        fails("Geometric: parameter probs must be > 0, got 0.0", () -> Geometric.ofProbs(0.0));
        fails("NegativeBinomial: parameter probs must be less than 1.0, got 1.0", () -> NegativeBinomial.ofProbs(3.0, 1.0));
        fails("AffineTransform: parameter scale must be non-zero, got 0.0", () -> AffineTransform.of(1.0, 0.0));
    }

    @Test
    void shapesAndSupportsOfValues() {
        failsWith(() -> MultivariateNormal.ofCovariance(Tensor.zeros(3), Tensor.eye(3)).logProb(Tensor.zeros(2)),
                "MultivariateNormal", "value of shape [2]", "event shape [3]");
        failsWith(() -> Normal.of(Tensor.zeros(3), Tensor.ones(3)).logProb(Tensor.zeros(4)),
                "Normal", "value of shape [4]", "batch shape [3]");
        failsWith(() -> Dirichlet.of(Tensor.ones(3)).logProb(Tensor.of(0.5, 0.2, 0.2)), "Dirichlet", "simplex");
        failsWith(() -> Multinomial.ofProbs(4, Tensor.of(0.5, 0.5)).logProb(Tensor.of(1.0, 2.0)), "Multinomial",
                "summing to 4", "[1.0, 2.0]");
        failsWith(() -> LKJCholesky.of(2, 1.0).logProb(Tensor.of(new double[][]{{1, 0}, {0.5, 0.5}})), "LKJCholesky",
                "correlation");
        failsWith(() -> Beta.of(2.0, 2.0).logProb(Tensor.scalar(1.5)), "Beta", "unit interval", "1.5");
        failsWith(() -> Uniform.of(0.0, 1.0).logProb(Tensor.scalar(2.0)), "Uniform", "interval [0.0, 1.0]", "2.0");
        failsWith(() -> Pareto.of(2.0, 1.0).logProb(Tensor.scalar(1.0)), "Pareto", "greater than or equal to 2.0", "1.0");
        failsWith(() -> Binomial.ofProbs(3.0, 0.5).logProb(Tensor.scalar(4.0)), "Binomial", "[0, 3]", "4.0");
        failsWith(() -> Categorical.ofProbs(Tensor.of(0.5, 0.5)).logProb(Tensor.ofLongs(2)), "Categorical", "[0, 1]");
        failsWith(() -> OneHotCategorical.ofProbs(Tensor.of(0.5, 0.5)).logProb(Tensor.of(1.0, 1.0)), "one-hot");
        failsWith(() -> MixtureSameFamily.of(Categorical.ofProbs(Tensor.of(0.5, 0.5)), Normal.of(Tensor.zeros(3), Tensor.ones(3))),
                "MixtureSameFamily", "2 categories", "3");
        failsWith(() -> Normal.of(Tensor.zeros(3), Tensor.ones(3)).expand(2), "Normal", "cannot expand batch shape [3] to [2]");
    }

    /** Every univariate family rejects NaN, and infinity where a finite value is needed, in each parameter. */
    @TestFactory
    List<DynamicTest> nanParametersAreRejected() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Family> all = new ArrayList<>(UnivariateFamilies.continuous());
        all.addAll(UnivariateFamilies.discrete());
        for (Family f : all) {
            for (int j = 0; j < f.params().size(); j++) {
                int bad = j;
                tests.add(dynamicTest(f.name() + " parameter " + j, () -> {
                    double[] p = f.sampling()[0];
                    Tensor[] pt = new Tensor[p.length];
                    for (int i = 0; i < p.length; i++) {
                        pt[i] = Tensor.scalar(i == bad ? Double.NaN : p[i]);
                    }
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.ours().apply(pt));
                    assertTrue(e.getMessage().startsWith(f.name().split(" ")[0] + ": "), e.getMessage());
                    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
                }));
            }
        }
        return tests;
    }

    @Test
    void validationCanBeSwitchedOff() {
        Validation.setEnabled(false);
        try {
            assertDoesNotThrow(() -> Normal.of(0.0, -1.0));
            assertDoesNotThrow(() -> Gamma.of(2.0, 1.0).logProb(Tensor.scalar(-1.0)));
        } finally {
            Validation.setEnabled(true);
        }
    }

    @Test
    void aValidationScopeHoldsOnItsThreadOnly() throws Exception {
        try (ContextScope<Boolean> off = Validation.scope(false)) {
            assertDoesNotThrow(() -> Normal.of(0.0, -1.0));
            Throwable other = CompletableFuture.supplyAsync(() -> {
                try {
                    Normal.of(0.0, -1.0);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e;
                }
            }).get(30, TimeUnit.SECONDS);
            assertTrue(other != null && other.getMessage().contains("scale"), "another thread still checks: " + other);
            try (ContextScope<Boolean> on = Validation.scope(true)) {
                assertThrows(IllegalArgumentException.class, () -> Normal.of(0.0, -1.0));
            }
            assertDoesNotThrow(() -> Normal.of(0.0, -1.0));
        }
        assertThrows(IllegalArgumentException.class, () -> Normal.of(0.0, -1.0));
    }
}
