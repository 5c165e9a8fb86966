package dev.pyrite.distributions;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * Matrix-vector products and triangular solves between batched matrices {@code [B..., n, n]} and vectors
 * {@code [S..., B..., n]} with extra leading sample dimensions. The sample dimensions are moved into the
 * columns of one right-hand side, so each matrix is used once per batch element instead of being
 * broadcast (copied) to every sample.
 */
final class BatchedLinearAlgebra {
    private BatchedLinearAlgebra() {
    }

    /** How vectors of one leading shape line up with matrices of one batch shape. */
    private record Layout(long[] full, long[] lead, long[] tail, long columns) {
        static Layout of(long[] vectorBatch, long[] matrixBatch) {
            long[] full = Shapes.broadcast(vectorBatch, matrixBatch);
            int nb = Math.min(matrixBatch.length, full.length);
            long[] lead = Arrays.copyOf(full, full.length - nb);
            long[] tail = Arrays.copyOfRange(full, full.length - nb, full.length);
            return new Layout(full, lead, tail, Shapes.size(lead));
        }
    }

    /** {@code [S..., B..., n]} to {@code [B..., n, m]} with m = prod(S). */
    private static Tensor toColumns(Tensor v, Layout layout) {
        long n = v.size(-1);
        Tensor b = v.broadcastTo(Shapes.concat(layout.full, new long[]{n}));
        return b.reshape(Shapes.concat(new long[]{layout.columns}, layout.tail, new long[]{n})).moveDim(0, -1);
    }

    /** {@code [B..., k, m]} back to {@code [S..., B..., k]}. */
    private static Tensor fromColumns(Tensor c, Layout layout) {
        long k = c.size(-2);
        return c.moveDim(-1, 0).reshape(Shapes.concat(layout.full, new long[]{k}));
    }

    private static long[] batchOf(Tensor matrix) {
        long[] s = matrix.shape();
        return Arrays.copyOf(s, s.length - 2);
    }

    private static long[] batchOfVector(Tensor v) {
        long[] s = v.shape();
        return Arrays.copyOf(s, s.length - 1);
    }

    /**
     * The Cholesky factor of the symmetric part (A + A^T) / 2: libnd4j rejects matrices that are not exactly
     * symmetric, and products such as {@code W^T D^-1 W} or an inverse computed elsewhere are symmetric only
     * to round-off.
     */
    static Tensor cholesky(Tensor a) {
        return a.add(a.transpose()).mul(0.5).cholesky();
    }

    /** {@code A v} for matrices {@code [B..., k, n]} and vectors {@code [S..., B..., n]}: {@code [S..., B..., k]}. */
    static Tensor matVec(Tensor a, Tensor v) {
        Layout layout = Layout.of(batchOfVector(v), batchOf(a));
        Tensor ab = a.broadcastTo(Shapes.concat(layout.tail, new long[]{a.size(-2), a.size(-1)}));
        return fromColumns(ab.matmul(toColumns(v, layout)), layout);
    }

    /**
     * {@code |A v|^2} for matrices {@code [B..., k, n]} and vectors {@code [S..., B..., n]}: shape
     * {@code [S..., B...]}. The squared norm is reduced before the sample dimensions are moved back, so
     * only the k-times smaller result is permuted.
     */
    static Tensor squaredNormOfProduct(Tensor a, Tensor v) {
        Layout layout = Layout.of(batchOfVector(v), batchOf(a));
        Tensor ab = a.broadcastTo(Shapes.concat(layout.tail, new long[]{a.size(-2), a.size(-1)}));
        Tensor norms = ab.matmul(toColumns(v, layout)).square().sum(false, -2);
        return norms.moveDim(-1, 0).reshape(layout.full);
    }

    /**
     * The inverse of lower-triangular matrices {@code [B..., n, n]} by one triangular solve against the
     * identity. Densities multiply by it instead of solving for every value: libnd4j's triangular solve
     * is about ten times slower per right-hand side than a matrix product.
     */
    static Tensor lowerInverse(Tensor l) {
        long n = l.size(-1);
        return l.triangularSolve(Tensor.eye(n).castTo(l.dtype()).broadcastTo(l.shape()), true, false);
    }
}
