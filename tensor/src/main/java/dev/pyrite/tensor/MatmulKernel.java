package dev.pyrite.tensor;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batched matrix products {@code [batch, m, k] @ [batch, k, n]} (the tracer broadcast the batch). Small
 * products are loops here, one output row after another, so a row's value never depends on how many
 * rows there are; products of {@link #BLAS_THRESHOLD} multiply-adds or more go to the OpenBLAS that ND4J
 * ships, through buffers allocated once.
 */
final class MatmulKernel extends JvmKernel {
    /** Multiply-adds per product from which BLAS beats the loop despite its copies (measured on x86-64). */
    static final long BLAS_THRESHOLD = 1 << 16;
    /** Rows and columns below which OpenBLAS's gemm is slower than the loop whatever the depth (measured). */
    static final int BLAS_MIN_SIDE = 16;

    /**
     * Whether an m x k by k x n product goes to BLAS. Measured on the project's x86-64 machine, one
     * thread: the loop runs 0.3-0.4 ns per multiply-add; gemm 0.06-0.09 from 64 rows up, but 0.6-0.8
     * with 4 rows (4 x 26 x 1000: loop 34 us, BLAS 82 us).
     */
    static boolean usesBlas(long m, long n, long k) {
        return m >= BLAS_MIN_SIDE && n >= BLAS_MIN_SIDE && m * n * k >= BLAS_THRESHOLD;
    }

    private final int a;
    private final int b;
    private final int out;
    private final int batch;
    private final int m;
    private final int k;
    private final int n;
    private final INDArray left;
    private final INDArray right;
    private final INDArray product;

    MatmulKernel(int a, int b, int out, long[] shape, int k) {
        this(a, b, out, shape, k, usesBlas(shape[shape.length - 2], shape[shape.length - 1], k));
    }

    MatmulKernel(int a, int b, int out, long[] shape, int k, boolean blas) {
        this.a = a;
        this.b = b;
        this.out = out;
        int r = shape.length;
        this.m = (int) shape[r - 2];
        this.n = (int) shape[r - 1];
        this.k = k;
        this.batch = IndexMaps.size(shape) / Math.max(1, m * n);
        if (blas) {
            left = Nd4j.create(DataType.DOUBLE, m, k);
            right = Nd4j.create(DataType.DOUBLE, k, n);
            product = Nd4j.create(DataType.DOUBLE, m, n);
        } else {
            left = null;
            right = null;
            product = null;
        }
    }

    @Override
    void run(double[][] slots) {
        double[] x = slots[a];
        double[] y = slots[b];
        double[] o = slots[out];
        for (int t = 0; t < batch; t++) {
            if (left != null) {
                blas(x, t * m * k, y, t * k * n, o, t * m * n);
            } else {
                loop(x, t * m * k, y, t * k * n, o, t * m * n);
            }
        }
    }

    private void loop(double[] x, int xo, double[] y, int yo, double[] o, int oo) {
        if (n < 4) {
            // Narrow results (a product with a vector): one dot product per entry.
            for (int i = 0; i < m; i++) {
                int xr = xo + i * k;
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0, yi = yo + j; p < k; p++, yi += n) {
                        acc += x[xr + p] * y[yi];
                    }
                    o[oo + i * n + j] = acc;
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = oo + i * n;
            java.util.Arrays.fill(o, row, row + n, 0.0);
            for (int p = 0; p < k; p++) {
                double v = x[xo + i * k + p];
                int yr = yo + p * n;
                for (int j = 0; j < n; j++) {
                    o[row + j] += v * y[yr + j];
                }
            }
        }
    }

    private void blas(double[] x, int xo, double[] y, int yo, double[] o, int oo) {
        DoubleBuffer l = left.data().asNioDouble();
        l.put(x, xo, m * k);
        DoubleBuffer r = right.data().asNioDouble();
        r.put(y, yo, k * n);
        Nd4j.gemm(left, right, product, false, false, 1.0, 0.0);
        product.data().asNioDouble().get(o, oo, m * n);
    }

}
