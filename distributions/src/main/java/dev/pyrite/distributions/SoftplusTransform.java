package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * {@code y = softplus(x) = log(1 + e^x)}, from the reals onto the positive reals;
 * {@code log |dy/dx| = log sigmoid(x)}. Its inverse is {@code log(e^y - 1) = y + log(-expm1(-y))}.
 */
public final class SoftplusTransform implements Transform {
    static final SoftplusTransform INSTANCE = new SoftplusTransform();

    private SoftplusTransform() {
    }

    public static SoftplusTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softplus();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.add(y.neg().expm1().neg().log());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.logSigmoid();
    }

    @Override
    public String toString() {
        return "SoftplusTransform";
    }
}
