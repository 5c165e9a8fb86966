package dev.pyrite.distributions;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * Packing of the lower triangle of d x d matrices into vectors in row-major order ((0,0), (1,0), (1,1),
 * (2,0), ... with the diagonal; (1,0), (2,0), (2,1), ... without). Packing and unpacking are products
 * with constant 0/1 matrices, so they differentiate like any matmul.
 */
final class TriangularLayout {
    private TriangularLayout() {
    }

    /** Number of packed entries of a d x d lower triangle. */
    static long size(long d, boolean diagonal) {
        return diagonal ? d * (d + 1) / 2 : d * (d - 1) / 2;
    }

    /** The matrix size d for a packed length, or an error naming {@code who}. */
    static long dimension(long packed, boolean diagonal, String who) {
        long d = Math.round((diagonal ? Math.sqrt(8.0 * packed + 1) - 1 : Math.sqrt(8.0 * packed + 1) + 1) / 2);
        Checks.require(size(d, diagonal) == packed, who, "a packed " + (diagonal ? "" : "strictly ")
                + "lower triangle has length d(d" + (diagonal ? "+" : "-") + "1)/2, got " + packed);
        return d;
    }

    /** The [n, d*d] matrix scattering packed entries into their row-major matrix positions. */
    private static Tensor scatter(long d, boolean diagonal, Tensor like) {
        int n = (int) size(d, diagonal);
        double[][] s = new double[n][(int) (d * d)];
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < (diagonal ? i + 1 : i); j++) {
                s[k++][(int) (i * d + j)] = 1.0;
            }
        }
        return Tensor.of(s).castTo(like.dtype());
    }

    /** Packed vectors [..., n] to matrices [..., d, d] with zeros outside the triangle. */
    static Tensor unpack(Tensor packed, long d, boolean diagonal) {
        long[] s = packed.shape();
        long[] lead = Arrays.copyOf(s, s.length - 1);
        Tensor flat = packed.reshape(Shapes.size(lead), s[s.length - 1]).matmul(scatter(d, diagonal, packed));
        return flat.reshape(Shapes.concat(lead, new long[]{d, d}));
    }

    /** Matrices [..., d, d] to their packed lower triangles [..., n]. */
    static Tensor pack(Tensor matrix, boolean diagonal) {
        long d = matrix.size(-1);
        long[] s = matrix.shape();
        long[] lead = Arrays.copyOf(s, s.length - 2);
        Tensor flat = matrix.reshape(Shapes.size(lead), d * d).matmul(scatter(d, diagonal, matrix).transpose());
        return flat.reshape(Shapes.concat(lead, new long[]{size(d, diagonal)}));
    }

    /** The 0/1 mask of the strictly lower triangle. */
    static Tensor strictLowerMask(long d, Tensor like) {
        double[][] m = new double[(int) d][(int) d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                m[i][j] = 1.0;
            }
        }
        return Tensor.of(m).castTo(like.dtype());
    }

    /** Matrices with the given diagonal [..., d] and zeros elsewhere. */
    static Tensor diagonalMatrix(Tensor diagonal) {
        long d = diagonal.size(-1);
        return diagonal.unsqueeze(-1).mul(Tensor.eye(d).castTo(diagonal.dtype()));
    }
}
