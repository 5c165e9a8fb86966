package dev.pyrite.tensor;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.LogGamma;

/** An element-wise function of one operand of the output's shape. */
final class UnaryKernel extends JvmKernel {
    enum Fn {
        NEG(0.4, false), ABS(0.4, false), SIGN(0.5, false), FLOOR(0.5, false), SQUARE(0.4, false),
        IDENTITY(0.3, false), SQRT(1.5, false), EXP(1.8, true), LOG(3, true), LOG1P(6, true), EXPM1(6, true),
        SIGMOID(2, true), TANH(6, true), ERF(20, true), ERFC(20, true), SIN(10, true), COS(10, true),
        ATAN(20, true), LGAMMA(40, true), DIGAMMA(40, true);

        /** Nanoseconds per element on the JVM (measured on x86-64, one thread). */
        final double nanos;
        /** A transcendental function, which libnd4j vectorises. */
        final boolean transcendental;

        Fn(double nanos, boolean transcendental) {
            this.nanos = nanos;
            this.transcendental = transcendental;
        }
    }

    private final Fn fn;
    private final int in;
    private final int out;
    private final int n;

    private final long[] shape;

    UnaryKernel(Fn fn, int in, int out, long[] shape) {
        this.fn = fn;
        this.in = in;
        this.out = out;
        this.shape = shape.clone();
        this.n = IndexMaps.size(shape);
    }

    /** The function of a traced op name, or null. */
    static Fn of(String op) {
        switch (op) {
            case "neg": return Fn.NEG;
            case "abs": return Fn.ABS;
            case "sign": return Fn.SIGN;
            case "floor": return Fn.FLOOR;
            case "square": return Fn.SQUARE;
            case "identity": return Fn.IDENTITY;
            case "sqrt": return Fn.SQRT;
            case "exp": return Fn.EXP;
            case "log": return Fn.LOG;
            case "log1p": return Fn.LOG1P;
            case "expm1": return Fn.EXPM1;
            case "sigmoid": return Fn.SIGMOID;
            case "tanh": return Fn.TANH;
            case "erf": return Fn.ERF;
            case "erfc": return Fn.ERFC;
            case "sin": return Fn.SIN;
            case "cos": return Fn.COS;
            case "atan": return Fn.ATAN;
            case "lgamma": return Fn.LGAMMA;
            case "digamma": return Fn.DIGAMMA;
            default: return null;
        }
    }

    @Override
    void run(double[][] slots) {
        double[] a = slots[in];
        double[] o = slots[out];
        switch (fn) {
            case NEG: for (int i = 0; i < n; i++) { o[i] = -a[i]; } break;
            case ABS: for (int i = 0; i < n; i++) { o[i] = Math.abs(a[i]); } break;
            case SIGN: for (int i = 0; i < n; i++) { o[i] = Math.signum(a[i]); } break;
            case FLOOR: for (int i = 0; i < n; i++) { o[i] = Math.floor(a[i]); } break;
            case SQUARE: for (int i = 0; i < n; i++) { o[i] = a[i] * a[i]; } break;
            case IDENTITY: System.arraycopy(a, 0, o, 0, n); break;
            case SQRT: for (int i = 0; i < n; i++) { o[i] = Math.sqrt(a[i]); } break;
            case EXP: for (int i = 0; i < n; i++) { o[i] = Math.exp(a[i]); } break;
            case LOG: for (int i = 0; i < n; i++) { o[i] = Math.log(a[i]); } break;
            case LOG1P: for (int i = 0; i < n; i++) { o[i] = JvmMath.log1p(a[i]); } break;
            case EXPM1: for (int i = 0; i < n; i++) { o[i] = JvmMath.expm1(a[i]); } break;
            case SIGMOID: for (int i = 0; i < n; i++) { o[i] = 1.0 / (1.0 + Math.exp(-a[i])); } break;
            case TANH: for (int i = 0; i < n; i++) { o[i] = JvmMath.tanh(a[i]); } break;
            case ERF: for (int i = 0; i < n; i++) { o[i] = Erf.value(a[i]); } break;
            case ERFC: for (int i = 0; i < n; i++) { o[i] = Erfc.value(a[i]); } break;
            case SIN: for (int i = 0; i < n; i++) { o[i] = Math.sin(a[i]); } break;
            case COS: for (int i = 0; i < n; i++) { o[i] = Math.cos(a[i]); } break;
            case ATAN: for (int i = 0; i < n; i++) { o[i] = Math.atan(a[i]); } break;
            case LGAMMA: for (int i = 0; i < n; i++) { o[i] = logAbsGamma(a[i]); } break;
            case DIGAMMA: for (int i = 0; i < n; i++) { o[i] = Digamma.value(a[i]); } break;
            default: throw new IllegalStateException(fn.name());
        }
    }

    @Override
    ElementwiseForm elementwise() {
        if (expression("x") == null) {
            return null;
        }
        return new ElementwiseForm(shape, out, new int[]{in}, new long[][]{shape}, x -> expression(x[0]));
    }

    /** The element function as a Java expression of {@code x}, or null. */
    private String expression(String x) {
        switch (fn) {
            case NEG: return "-(" + x + ")";
            case ABS: return "Math.abs(" + x + ")";
            case SIGN: return "Math.signum(" + x + ")";
            case FLOOR: return "Math.floor(" + x + ")";
            case SQUARE: return "(" + x + ") * (" + x + ")";
            case IDENTITY: return x;
            case SQRT: return "Math.sqrt(" + x + ")";
            case EXP: return "Math.exp(" + x + ")";
            case LOG: return "Math.log(" + x + ")";
            case LOG1P: return "dev.pyrite.tensor.JvmMath.log1p(" + x + ")";
            case EXPM1: return "dev.pyrite.tensor.JvmMath.expm1(" + x + ")";
            case SIGMOID: return "1.0 / (1.0 + Math.exp(-(" + x + ")))";
            case TANH: return "dev.pyrite.tensor.JvmMath.tanh(" + x + ")";
            case SIN: return "Math.sin(" + x + ")";
            case COS: return "Math.cos(" + x + ")";
            default: return null;
        }
    }

    /** log|Gamma(x)| on the whole real line (reflection below zero; +inf at the poles), as libnd4j's lgamma. */
    static double logAbsGamma(double x) {
        if (x > 0 || Double.isNaN(x)) {
            return LogGamma.value(x);
        }
        if (x == Math.rint(x)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - LogGamma.value(1 - x);
    }

}
