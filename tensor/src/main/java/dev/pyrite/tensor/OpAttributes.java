package dev.pyrite.tensor;

/** The static attributes of traced ops that their shapes do not determine (see {@link OpNode}). */
final class OpAttributes {
    private OpAttributes() {
    }

    /** The dimensions a reduction (sum, max) runs over, sorted. */
    record Axes(int[] dims) {
    }

    /** A cumulative sum along {@code dim}, from the end when {@code reverse}. */
    record CumulativeSum(int dim, boolean reverse) {
    }

    /** Output dimension i is input dimension {@code order[i]}. */
    record Permutation(int[] order) {
    }

    /** The dimension parts are joined along. */
    record Concatenation(int dim) {
    }

    /** Elements from {@code start} along {@code dim} (the output shape gives the length). */
    record Slice(int dim, long start) {
    }

    /** Solves A x = b (A^T x = b when {@code adjoint}) for lower or upper triangular A. */
    record TriangularSolve(boolean lower, boolean adjoint) {
    }
}
