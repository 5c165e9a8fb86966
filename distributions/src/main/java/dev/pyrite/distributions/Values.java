package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** Conversions of values to the floating-point type of a distribution's parameters. */
final class Values {
    private Values() {
    }

    /** {@code value} in the (floating-point) type of {@code param}: integer and boolean values are cast. */
    static Tensor like(Tensor value, Tensor param) {
        return value.dtype() == param.dtype() ? value : value.castTo(param.dtype());
    }

    /** A tensor of {@code value} with the shape and type of {@code like}. */
    static Tensor full(Tensor like, double value) {
        return like.onesLike().mul(value);
    }
}
