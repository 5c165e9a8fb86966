package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test oracle for differentiable code: the compiled (traced, replayed) value must equal eager
 * evaluation, and its gradient must equal a float64 central finite difference of eager evaluation.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** Scalar-valued (summed) eager evaluation of {@code f}. */
    public static double eager(TensorFunction f, INDArray... inputs) {
        Tensor[] in = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = Tensor.of(inputs[i]);
        }
        return f.apply(in)[0].sum().item();
    }

    /**
     * Checks value and gradient of {@code sum(f(inputs)[0])} with respect to inputs {@code wrt}.
     * The finite-difference step is 1e-6 (relative to max(1, |x|)); tolerance {@code tol} is relative to
     * max(1, |gradient|).
     */
    public static void check(String name, TensorFunction f, double tol, int[] wrt, INDArray... inputs) {
        for (INDArray a : inputs) {
            if (a.dataType().isFPType() && a.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("gradient checks run in float64");
            }
        }
        for (Executor executor : new Executor[]{Executor.JVM, Executor.ND4J}) {
            check(name + " on " + executor, CompiledFunction.withGradients(f, wrt).using(executor), f, tol, wrt, inputs);
        }
    }

    private static void check(String name, CompiledFunction cf, TensorFunction f, double tol, int[] wrt,
                              INDArray... inputs) {
        INDArray[] out = cf.call(inputs);
        double value = out[0].sumNumber().doubleValue();
        double expected = eager(f, inputs);
        assertEquals(expected, value, 1e-10 * Math.max(1, Math.abs(expected)), name + ": compiled value vs eager");
        int nOut = out.length - wrt.length;
        for (int w = 0; w < wrt.length; w++) {
            INDArray x = inputs[wrt[w]];
            INDArray analytic = out[nOut + w].dup();
            assertArrayEquals(x.shape(), analytic.shape(), name + ": gradient shape for input " + wrt[w]);
            double[] numeric = new double[(int) x.length()];
            INDArray flat = x.reshape(x.length());
            for (int i = 0; i < numeric.length; i++) {
                double orig = flat.getDouble(i);
                double h = 1e-6 * Math.max(1, Math.abs(orig));
                flat.putScalar(i, orig + h);
                double up = eager(f, inputs);
                flat.putScalar(i, orig - h);
                double down = eager(f, inputs);
                flat.putScalar(i, orig);
                numeric[i] = (up - down) / (2 * h);
            }
            double[] got = analytic.reshape(analytic.length()).toDoubleVector();
            for (int i = 0; i < numeric.length; i++) {
                assertEquals(numeric[i], got[i], tol * Math.max(1, Math.abs(numeric[i])),
                        name + ": d/d input" + wrt[w] + "[" + i + "]");
            }
        }
    }
}
