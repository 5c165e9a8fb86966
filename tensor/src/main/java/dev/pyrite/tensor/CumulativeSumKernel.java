package dev.pyrite.tensor;

/** Inclusive cumulative sum along one dimension, forward or from the end. */
final class CumulativeSumKernel extends JvmKernel {
    private final int in;
    private final int out;
    private final int outer;
    private final int length;
    private final int inner;
    private final boolean reverse;

    CumulativeSumKernel(int in, int out, long[] shape, int dim, boolean reverse) {
        this.in = in;
        this.out = out;
        this.length = (int) shape[dim];
        int o = 1;
        for (int i = 0; i < dim; i++) {
            o *= (int) shape[i];
        }
        int n = 1;
        for (int i = dim + 1; i < shape.length; i++) {
            n *= (int) shape[i];
        }
        this.outer = o;
        this.inner = n;
        this.reverse = reverse;
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] o = slots[out];
        for (int p = 0; p < outer; p++) {
            int base = p * length * inner;
            for (int q = 0; q < inner; q++) {
                double acc = 0;
                for (int k = 0; k < length; k++) {
                    int j = base + (reverse ? length - 1 - k : k) * inner + q;
                    acc += a[j];
                    o[j] = acc;
                }
            }
        }
    }

}
