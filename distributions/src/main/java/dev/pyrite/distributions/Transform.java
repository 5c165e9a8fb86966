package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** A bijection with a tractable log-absolute-determinant of its Jacobian. */
public interface Transform {
    Tensor forward(Tensor x);

    Tensor inverse(Tensor y);

    /** log |det dy/dx| at {@code x} (with {@code y = forward(x)}), event dimensions summed out. */
    Tensor logAbsDetJacobian(Tensor x, Tensor y);

    /** Event dimensions of the input (0 for element-wise transforms). */
    default int domainEventDim() {
        return 0;
    }

    /** Event dimensions of the output. */
    default int codomainEventDim() {
        return domainEventDim();
    }

    /** Shape of the output for an input shape (changes only for transforms such as stick-breaking). */
    default long[] forwardShape(long[] shape) {
        return shape;
    }

    /** Shape of the input for an output shape. */
    default long[] inverseShape(long[] shape) {
        return shape;
    }
}
