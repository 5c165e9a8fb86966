package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument and value validation with messages that name the family, the parameter and the rule. */
final class Checks {
    private Checks() {
    }

    /** Fails when a concrete parameter breaks {@code constraint} (skipped for traced values). */
    static void param(String family, String name, Tensor value, Constraint constraint) {
        if (!Validation.enabled() || value.isTraced()) {
            return;
        }
        INDArray ok = constraint.check(value).array();
        if (ok.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).minNumber().doubleValue() < 0.5) {
            throw new IllegalArgumentException(family + ": parameter " + name + " must be " + describe(constraint)
                    + ", got " + firstBad(value, ok));
        }
    }

    /** Fails when a concrete value lies outside the support. */
    static void value(String family, Tensor value, Constraint support) {
        if (!Validation.enabled() || value.isTraced()) {
            return;
        }
        INDArray ok = support.check(value).array();
        if (ok.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).minNumber().doubleValue() < 0.5) {
            throw new IllegalArgumentException(family + ": value must lie in the support (" + support.name()
                    + "), got " + firstBad(value, ok));
        }
    }

    private static String describe(Constraint c) {
        switch (c.name()) {
            case "positive": return "> 0";
            case "real": return "finite";
            default: return "in " + c.name();
        }
    }

    private static String firstBad(Tensor value, INDArray ok) {
        INDArray flatOk = ok.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(ok.length());
        double[] v = value.toDoubleArray();
        if (v.length == 1) {
            return String.valueOf(v[0]);
        }
        for (int i = 0; i < flatOk.length(); i++) {
            if (flatOk.getDouble(i) < 0.5) {
                return (i < v.length ? String.valueOf(v[i]) : "?") + " (element " + i + " of shape "
                        + java.util.Arrays.toString(value.shape()) + ")";
            }
        }
        return value.toString();
    }
}
