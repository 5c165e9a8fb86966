package dev.pyrite.tensor;

/**
 * Solves {@code A x = b} or {@code A^T x = b} for a batch of triangular n x n matrices A and n x k right
 * sides, by substitution; only A's own triangle is read.
 */
final class TriangularSolveKernel extends JvmKernel {
    private final int matrix;
    private final int rhs;
    private final int out;
    private final int batch;
    private final int n;
    private final int k;
    /** Solving forward (from row 0) or backward, and reading A or its transpose. */
    private final boolean forward;
    private final boolean transposed;

    TriangularSolveKernel(int matrix, int rhs, int out, long[] rhsShape, boolean lower, boolean adjoint) {
        this.matrix = matrix;
        this.rhs = rhs;
        this.out = out;
        int r = rhsShape.length;
        this.n = (int) rhsShape[r - 2];
        this.k = (int) rhsShape[r - 1];
        this.batch = IndexMaps.size(rhsShape) / Math.max(1, n * k);
        this.transposed = adjoint;
        this.forward = lower != adjoint;
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[matrix];
        double[] b = slots[rhs];
        double[] x = slots[out];
        for (int t = 0; t < batch; t++) {
            int ab = t * n * n;
            int bb = t * n * k;
            for (int c = 0; c < k; c++) {
                for (int s = 0; s < n; s++) {
                    int i = forward ? s : n - 1 - s;
                    double v = b[bb + i * k + c];
                    for (int q = 0; q < s; q++) {
                        int j = forward ? q : n - 1 - q;
                        v -= entry(a, ab, i, j) * x[bb + j * k + c];
                    }
                    x[bb + i * k + c] = v / entry(a, ab, i, i);
                }
            }
        }
    }

    private double entry(double[] a, int base, int i, int j) {
        return transposed ? a[base + j * n + i] : a[base + i * n + j];
    }

}
