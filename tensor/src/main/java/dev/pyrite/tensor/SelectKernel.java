package dev.pyrite.tensor;

/** {@code where(mask, a, b)}: the three operands have the output's shape (the tracer broadcast them). */
final class SelectKernel extends JvmKernel {
    private final int mask;
    private final int a;
    private final int b;
    private final int out;
    private final int n;

    private final long[] shape;

    SelectKernel(int mask, int a, int b, int out, long[] shape) {
        this.shape = shape.clone();
        int n = IndexMaps.size(shape);
        this.mask = mask;
        this.a = a;
        this.b = b;
        this.out = out;
        this.n = n;
    }

    @Override
    ElementwiseForm elementwise() {
        return new ElementwiseForm(shape, out, new int[]{mask, a, b}, new long[][]{shape, shape, shape},
                x -> "(" + x[0] + " != 0 ? " + x[1] + " : " + x[2] + ")");
    }

    @Override
    void run(double[][] slots) {
        double[] m = slots[mask];
        double[] x = slots[a];
        double[] y = slots[b];
        double[] o = slots[out];
        for (int i = 0; i < n; i++) {
            o[i] = m[i] != 0 ? x[i] : y[i];
        }
    }

}
