package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** {@code y = exp(x)}, from the reals onto the positive reals; {@code log |dy/dx| = x}. */
public final class ExpTransform implements Transform {
    static final ExpTransform INSTANCE = new ExpTransform();

    private ExpTransform() {
    }

    public static ExpTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.exp();
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
    }

    @Override
    public String toString() {
        return "ExpTransform";
    }
}
