package dev.pyrite.tensor;

/** Writes each part's elements to their places in the joined output (tables built at compile time). */
final class ConcatKernel extends JvmKernel {
    private final int[] parts;
    private final int[][] destination;
    private final int out;

    ConcatKernel(int[] parts, int[][] destination, int out) {
        this.parts = parts;
        this.destination = destination;
        this.out = out;
    }

    @Override
    void run(double[][] slots) {
        double[] o = slots[out];
        for (int p = 0; p < parts.length; p++) {
            double[] a = slots[parts[p]];
            int[] d = destination[p];
            for (int i = 0; i < d.length; i++) {
                o[d[i]] = a[i];
            }
        }
    }

}
