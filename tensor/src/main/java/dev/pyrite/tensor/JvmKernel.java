package dev.pyrite.tensor;

/**
 * One op of a {@link JvmProgram}: a loop over flat row-major {@code double[]} values whose shapes,
 * strides and broadcasts were resolved when the program was compiled. Values live in the program's
 * slots; a kernel holds slot numbers, not arrays, so inputs can be swapped in without copying.
 */
abstract class JvmKernel {
    /** Computes this op's output slot from its input slots. */
    abstract void run(double[][] slots);

    /** The element-wise form of this kernel for the code generator, or null (the generated code calls it). */
    ElementwiseForm elementwise() {
        return null;
    }
}
