package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** The set of values a distribution or parameter may take. */
public interface Constraint {
    /** A BOOL tensor, true where the value lies in the set (event dimensions reduced). */
    Tensor check(Tensor value);

    /** Number of rightmost dimensions that make up one element of the set (0 for scalars, 1 for a simplex). */
    default int eventDim() {
        return 0;
    }

    /** True for sets of integers or booleans. */
    default boolean isDiscrete() {
        return false;
    }

    /** A short name for error messages, e.g. {@code positive}. */
    String name();
}
