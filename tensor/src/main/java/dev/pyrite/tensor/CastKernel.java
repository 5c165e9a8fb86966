package dev.pyrite.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A cast between data types on values held as doubles: to BOOL is "not zero" (NaN is true, as C++'s
 * cast), to an integer type truncates toward zero, to FLOAT rounds to the nearest float.
 */
final class CastKernel extends JvmKernel {
    private enum Kind { BOOL, INTEGER, FLOAT, COPY }

    private final Kind kind;
    private final int in;
    private final int out;
    private final int n;

    private final long[] shape;

    CastKernel(DataType to, int in, int out, long[] shape) {
        this.shape = shape.clone();
        int n = IndexMaps.size(shape);
        this.kind = to == DataType.BOOL ? Kind.BOOL : to.isIntType() ? Kind.INTEGER
                : to == DataType.DOUBLE ? Kind.COPY : Kind.FLOAT;
        this.in = in;
        this.out = out;
        this.n = n;
    }

    @Override
    ElementwiseForm elementwise() {
        return new ElementwiseForm(shape, out, new int[]{in}, new long[][]{shape}, x -> {
            switch (kind) {
                case BOOL: return "(" + x[0] + " != 0 ? 1.0 : 0.0)";
                case INTEGER: return "((double) (long) (" + x[0] + "))";
                case FLOAT: return "((double) (float) (" + x[0] + "))";
                default: return "(" + x[0] + ")";
            }
        });
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] o = slots[out];
        switch (kind) {
            case BOOL: for (int i = 0; i < n; i++) { o[i] = a[i] != 0 ? 1 : 0; } break;
            case INTEGER: for (int i = 0; i < n; i++) { o[i] = (double) (long) a[i]; } break;
            case FLOAT: for (int i = 0; i < n; i++) { o[i] = (float) a[i]; } break;
            default: System.arraycopy(a, 0, o, 0, n);
        }
    }

}
