package dev.pyrite.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Compares the JVM executor's outputs with libnd4j's on the same call (system property
 * {@code pyrite.executor.verify=true}): each element within 1e-10 (float64) or 1e-4 (float32) of the
 * output's scale; non-finite elements must match exactly. Summation order and {@code exp}/{@code log}
 * may differ in the last bits, nothing more. The scale is the largest finite magnitude among the
 * output's elements and the values it was computed from: a difference of two energies near 50 that
 * is 0.004 carries the rounding error of 50, whichever executor computes it.
 */
final class ExecutorCheck {
    private ExecutorCheck() {
    }

    static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-10 : 1e-4;
    }

    /** Throws when output {@code index} differs beyond the tolerance. */
    static void compare(String program, int index, DataType type, double[] jvm, double[] nd4j) {
        compare(program, index, type, jvm, nd4j, 0.0);
    }

    /** {@link #compare} with the scale of the computation behind the output (at least the output's own). */
    static void compare(String program, int index, DataType type, double[] jvm, double[] nd4j,
                        double computationScale) {
        if (jvm.length != nd4j.length) {
            throw new IllegalStateException(program + ": output " + index + " has " + jvm.length
                    + " elements on the JVM executor, " + nd4j.length + " on libnd4j");
        }
        double scale = computationScale;
        for (int i = 0; i < jvm.length; i++) {
            if (Double.isFinite(nd4j[i])) {
                scale = Math.max(scale, Math.abs(nd4j[i]));
            }
            if (Double.isFinite(jvm[i])) {
                scale = Math.max(scale, Math.abs(jvm[i]));
            }
        }
        double tol = tolerance(type) * Math.max(scale, Double.MIN_NORMAL);
        for (int i = 0; i < jvm.length; i++) {
            double a = jvm[i];
            double b = nd4j[i];
            boolean same = Double.isFinite(a) && Double.isFinite(b) ? Math.abs(a - b) <= tol
                    : Double.compare(a, b) == 0 || (Double.isNaN(a) && Double.isNaN(b));
            if (!same) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "%s: output %d element %d is %.17g on the JVM executor and %.17g on libnd4j"
                                + " (tolerance %.3g = %.0e of scale %.6g)",
                        program, index, i, a, b, tol, tolerance(type), scale));
            }
        }
    }
}
