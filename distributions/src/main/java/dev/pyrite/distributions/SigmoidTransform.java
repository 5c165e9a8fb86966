package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * {@code y = sigmoid(x) = 1 / (1 + e^-x)}, from the reals onto the unit interval;
 * {@code log |dy/dx| = log sigmoid(x) + log sigmoid(-x)}, computed with stable log-sigmoids.
 */
public final class SigmoidTransform implements Transform {
    static final SigmoidTransform INSTANCE = new SigmoidTransform();

    private SigmoidTransform() {
    }

    public static SigmoidTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    /** logit(y) = log y - log(1 - y). */
    @Override
    public Tensor inverse(Tensor y) {
        return y.log().sub(y.neg().log1p());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.logSigmoid().add(x.neg().logSigmoid());
    }

    @Override
    public String toString() {
        return "SigmoidTransform";
    }
}
