package dev.pyrite.tensor;

/**
 * The vector-Jacobian product of one operation: given the gradient of the loss with respect to the
 * operation's output, the gradients with respect to each input (null where an input takes none).
 * Rules are written with {@link Tensor} operations, so they are traced into the same graph.
 * A returned gradient may have the output's broadcast shape; the autodiff pass sums it back to the
 * input's shape.
 */
@FunctionalInterface
public interface GradRule {
    Tensor[] apply(Tensor gradOut, Tensor out, Tensor[] inputs);
}
