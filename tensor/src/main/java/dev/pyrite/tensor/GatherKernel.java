package dev.pyrite.tensor;

/** Copies operand elements through an index table: a permutation, a slice or a broadcast. */
final class GatherKernel extends JvmKernel {
    private final int in;
    private final int out;
    private final int[] index;

    GatherKernel(int in, int out, int[] index) {
        this.in = in;
        this.out = out;
        this.index = index;
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] o = slots[out];
        int[] ix = index;
        for (int i = 0; i < ix.length; i++) {
            o[i] = a[ix[i]];
        }
    }

}
