package dev.pyrite.tensor;

import java.util.function.Function;

/**
 * An element-wise kernel as the code generator sees it: the output's shape and slot, the operands'
 * slots and shapes (each broadcasts to the output's shape), and the Java expression of one output
 * element given the expressions of the operands' elements at the same position. Consecutive
 * element-wise ops of one shape are fused into one loop (see {@link JvmCodegen}).
 */
record ElementwiseForm(long[] shape, int out, int[] operands, long[][] operandShapes,
                       Function<String[], String> expression) {
}
