package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** Conversion of success probabilities to logits for the families parameterised either way. */
final class Logits {
    private Logits() {
    }

    /**
     * logit(p) = log p - log(1 - p) after validating p in [0, 1]. Probabilities are clamped to
     * [1e-300, 1 - 2^-53] first so that p = 0 and p = 1 give finite logits whose log-probabilities are
     * correct to float64 round-off instead of NaN.
     */
    static Tensor fromProbs(String family, Tensor probs) {
        Checks.param(family, "probs", probs, Constraints.UNIT_INTERVAL);
        Tensor p = probs.clamp(1e-300, 1 - 0x1.0p-53);
        return p.log().sub(p.neg().log1p());
    }

    static Tensor check(String family, Tensor logits) {
        Checks.param(family, "logits", logits, Constraints.REAL);
        return logits;
    }
}
