package dev.pyrite.tensor;

/** Lower Cholesky factors of a batch of n x n matrices (the upper triangle of the result is zero). */
final class CholeskyKernel extends JvmKernel {
    private final int in;
    private final int out;
    private final int batch;
    private final int n;

    CholeskyKernel(int in, int out, long[] shape) {
        this.in = in;
        this.out = out;
        this.n = (int) shape[shape.length - 1];
        this.batch = IndexMaps.size(shape) / Math.max(1, n * n);
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] l = slots[out];
        for (int t = 0; t < batch; t++) {
            int base = t * n * n;
            java.util.Arrays.fill(l, base, base + n * n, 0.0);
            for (int j = 0; j < n; j++) {
                double s = a[base + j * n + j];
                for (int p = 0; p < j; p++) {
                    s -= l[base + j * n + p] * l[base + j * n + p];
                }
                double d = Math.sqrt(s);
                l[base + j * n + j] = d;
                for (int i = j + 1; i < n; i++) {
                    double v = a[base + i * n + j];
                    for (int p = 0; p < j; p++) {
                        v -= l[base + i * n + p] * l[base + j * n + p];
                    }
                    l[base + i * n + j] = v / d;
                }
            }
        }
    }

}
