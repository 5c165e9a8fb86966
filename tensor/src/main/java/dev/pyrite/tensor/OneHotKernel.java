package dev.pyrite.tensor;

/** One-hot rows of width {@code depth}; an index outside [0, depth) gives a row of zeros, as libnd4j's. */
final class OneHotKernel extends JvmKernel {
    private final int in;
    private final int out;
    private final int n;
    private final int depth;

    OneHotKernel(int in, int out, int n, int depth) {
        this.in = in;
        this.out = out;
        this.n = n;
        this.depth = depth;
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] o = slots[out];
        java.util.Arrays.fill(o, 0, n * depth, 0.0);
        for (int i = 0; i < n; i++) {
            long k = (long) a[i];
            if (k >= 0 && k < depth) {
                o[i * depth + (int) k] = 1;
            }
        }
    }

}
