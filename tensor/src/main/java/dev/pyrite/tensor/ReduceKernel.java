package dev.pyrite.tensor;

/**
 * A sum or maximum over dimensions: each input element is folded into the output element a table
 * (built at compile time) assigns it, in input order, so each output row is summed on its own.
 */
final class ReduceKernel extends JvmKernel {
    private final boolean max;
    private final int in;
    private final int out;
    private final int outSize;
    private final int[] target;

    ReduceKernel(boolean max, int in, int out, int outSize, int[] target) {
        this.max = max;
        this.in = in;
        this.out = out;
        this.outSize = outSize;
        this.target = target;
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] o = slots[out];
        int[] t = target;
        if (max) {
            java.util.Arrays.fill(o, 0, outSize, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < t.length; i++) {
                double v = a[i];
                // libnd4j's max reduction keeps a NaN.
                if (v > o[t[i]] || Double.isNaN(v)) {
                    o[t[i]] = v;
                }
            }
        } else {
            java.util.Arrays.fill(o, 0, outSize, 0.0);
            for (int i = 0; i < t.length; i++) {
                o[t[i]] += a[i];
            }
        }
    }

}
