package dev.pyrite.tensor;

/** A function of tensors to tensors, written once and run eagerly or traced. */
@FunctionalInterface
public interface TensorFunction {
    Tensor[] apply(Tensor[] inputs);
}
