package dev.pyrite.tensor;

/**
 * One op of a {@link JvmProgram}: a loop over flat row-major {@code double[]} values whose shapes,
 * strides and broadcasts were resolved when the program was compiled. Values live in the program's
 * slots; a kernel holds slot numbers, not arrays, so inputs can be swapped in without copying.
 */
abstract class JvmKernel {
    /** Computes this op's output slot from its input slots. */
    abstract void run(double[][] slots);

    /**
     * Java statements computing the same as {@link #run} with every size and stride a literal, reading
     * the slots array {@code s}; each value written is passed through {@code round} (a cast to float for
     * float32 outputs). Null: the generated program calls this kernel instead.
     */
    String source(java.util.function.UnaryOperator<String> round) {
        return null;
    }
}
