package dev.pyrite.tensor;

/**
 * An element-wise function of two operands broadcast to the output's shape. Same-shaped operands and
 * scalars get plain loops; other broadcasts read through index tables built at compile time.
 */
final class BinaryKernel extends JvmKernel {
    enum Fn {
        ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, LT, LE, GT, GE, EQ, NE, TRIGAMMA
    }

    private final Fn fn;
    private final int a;
    private final int b;
    private final int out;
    private final int n;
    /** Index tables; null where an operand has the output's shape. */
    private final int[] ia;
    private final int[] ib;
    private final boolean scalarA;
    private final boolean scalarB;
    private final long[] shapeA;
    private final long[] shapeB;
    private final long[] shape;

    BinaryKernel(Fn fn, int a, long[] shapeA, int b, long[] shapeB, int out, long[] shape) {
        this.fn = fn;
        this.a = a;
        this.b = b;
        this.out = out;
        this.n = IndexMaps.size(shape);
        this.scalarA = IndexMaps.size(shapeA) == 1 && n > 1;
        this.scalarB = IndexMaps.size(shapeB) == 1 && n > 1;
        this.ia = scalarA ? null : table(shapeA, shape);
        this.ib = scalarB ? null : table(shapeB, shape);
        this.shapeA = shapeA.clone();
        this.shapeB = shapeB.clone();
        this.shape = shape.clone();
    }

    @Override
    ElementwiseForm elementwise() {
        return new ElementwiseForm(shape, out, new int[]{a, b}, new long[][]{shapeA, shapeB},
                x -> "(" + expression(x[0], x[1]) + ")");
    }

    private String expression(String x, String y) {
        switch (fn) {
            case ADD: return x + " + " + y;
            case SUB: return x + " - (" + y + ")";
            case MUL: return "(" + x + ") * (" + y + ")";
            case DIV: return "(" + x + ") / (" + y + ")";
            case POW: return "Math.pow(" + x + ", " + y + ")";
            case MAXIMUM: return "dev.pyrite.tensor.JvmMath.max(" + x + ", " + y + ")";
            case MINIMUM: return "dev.pyrite.tensor.JvmMath.min(" + x + ", " + y + ")";
            case LT: return "(" + x + " < " + y + " ? 1.0 : 0.0)";
            case LE: return "(" + x + " <= " + y + " ? 1.0 : 0.0)";
            case GT: return "(" + x + " > " + y + " ? 1.0 : 0.0)";
            case GE: return "(" + x + " >= " + y + " ? 1.0 : 0.0)";
            case EQ: return "(" + x + " == " + y + " ? 1.0 : 0.0)";
            case NE: return "(" + x + " != " + y + " ? 1.0 : 0.0)";
            case TRIGAMMA: return "org.apache.commons.numbers.gamma.Trigamma.value(" + y + ")";
            default: throw new IllegalStateException(fn.name());
        }
    }



    private static int[] table(long[] in, long[] out) {
        int[] t = IndexMaps.broadcast(in, out);
        return IndexMaps.isIdentity(t) ? null : t;
    }

    /** The function of a traced op name, or null. */
    static Fn of(String op) {
        switch (op) {
            case "add": return Fn.ADD;
            case "sub": return Fn.SUB;
            case "mul": return Fn.MUL;
            case "div": return Fn.DIV;
            case "pow": return Fn.POW;
            case "maximum": return Fn.MAXIMUM;
            case "minimum": return Fn.MINIMUM;
            case "lt": return Fn.LT;
            case "le": return Fn.LE;
            case "gt": return Fn.GT;
            case "ge": return Fn.GE;
            case "eq": return Fn.EQ;
            case "ne": return Fn.NE;
            case "trigamma": return Fn.TRIGAMMA;   // polygamma(n = 1, x)
            default: return null;
        }
    }

    @Override
    void run(double[][] slots) {
        double[] x = slots[a];
        double[] y = slots[b];
        double[] o = slots[out];
        if (scalarB && ia == null) {
            double v = y[0];
            switch (fn) {
                case ADD: for (int i = 0; i < n; i++) { o[i] = x[i] + v; } return;
                case SUB: for (int i = 0; i < n; i++) { o[i] = x[i] - v; } return;
                case MUL: for (int i = 0; i < n; i++) { o[i] = x[i] * v; } return;
                case DIV: for (int i = 0; i < n; i++) { o[i] = x[i] / v; } return;
                default: for (int i = 0; i < n; i++) { o[i] = apply(fn, x[i], v); } return;
            }
        }
        if (scalarA && ib == null) {
            double u = x[0];
            switch (fn) {
                case ADD: for (int i = 0; i < n; i++) { o[i] = u + y[i]; } return;
                case SUB: for (int i = 0; i < n; i++) { o[i] = u - y[i]; } return;
                case MUL: for (int i = 0; i < n; i++) { o[i] = u * y[i]; } return;
                case DIV: for (int i = 0; i < n; i++) { o[i] = u / y[i]; } return;
                default: for (int i = 0; i < n; i++) { o[i] = apply(fn, u, y[i]); } return;
            }
        }
        if (ia == null && ib == null && !scalarA && !scalarB) {
            switch (fn) {
                case ADD: for (int i = 0; i < n; i++) { o[i] = x[i] + y[i]; } return;
                case SUB: for (int i = 0; i < n; i++) { o[i] = x[i] - y[i]; } return;
                case MUL: for (int i = 0; i < n; i++) { o[i] = x[i] * y[i]; } return;
                case DIV: for (int i = 0; i < n; i++) { o[i] = x[i] / y[i]; } return;
                default: for (int i = 0; i < n; i++) { o[i] = apply(fn, x[i], y[i]); } return;
            }
        }
        for (int i = 0; i < n; i++) {
            double u = scalarA ? x[0] : x[ia == null ? i : ia[i]];
            double v = scalarB ? y[0] : y[ib == null ? i : ib[i]];
            o[i] = apply(fn, u, v);
        }
    }

    static double apply(Fn fn, double x, double y) {
        switch (fn) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case POW: return Math.pow(x, y);
            case MAXIMUM: return JvmMath.max(x, y);
            case MINIMUM: return JvmMath.min(x, y);
            case LT: return x < y ? 1 : 0;
            case LE: return x <= y ? 1 : 0;
            case GT: return x > y ? 1 : 0;
            case GE: return x >= y ? 1 : 0;
            case EQ: return x == y ? 1 : 0;
            case NE: return x != y ? 1 : 0;
            case TRIGAMMA: return org.apache.commons.numbers.gamma.Trigamma.value(y);
            default: throw new IllegalStateException(fn.name());
        }
    }

}
