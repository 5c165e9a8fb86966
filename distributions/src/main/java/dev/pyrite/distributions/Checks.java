package dev.pyrite.distributions;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Argument and value validation with messages that name the family, the parameter, the rule and the
 * offending value, e.g. {@code Normal: parameter scale must be > 0, got -1.0}.
 */
final class Checks {
    private Checks() {
    }

    /** Fails when a concrete parameter breaks {@code constraint} (skipped for traced values). */
    static void param(String family, String name, Tensor value, Constraint constraint) {
        if (!Validation.enabled() || value.isTraced() || Constraints.hasTracedBounds(constraint)
                || quickAccept(value, constraint)) {
            return;
        }
        Tensor ok = constraint.check(value);
        if (anyFalse(ok)) {
            throw new IllegalArgumentException(family + ": parameter " + name + " must be " + describe(constraint)
                    + ", got " + firstBad(value, ok, constraint.eventDim()));
        }
    }

    /** Fails when a concrete value lies outside the support. */
    static void value(String family, Tensor value, Constraint support) {
        if (!Validation.enabled() || value.isTraced() || Constraints.hasTracedBounds(support)
                || quickAccept(value, support)) {
            return;
        }
        Tensor ok = support.check(value);
        if (anyFalse(ok)) {
            throw new IllegalArgumentException(family + ": value must lie in the support (" + support.name()
                    + "), got " + firstBad(value, ok, support.eventDim()));
        }
    }

    /** Fails with {@code family: message} unless {@code condition} holds (always checked). */
    static void require(boolean condition, String family, String message) {
        if (!condition) {
            throw new IllegalArgumentException(family + ": " + message);
        }
    }

    /** Fails unless the parameter has at least {@code rank} dimensions ({@code what} names them). */
    static void minRank(String family, String name, Tensor t, int rank, String what) {
        require(t.rank() >= rank, family, "parameter " + name + " needs at least " + rank + " dimension"
                + (rank == 1 ? "" : "s") + " (" + what + "), got shape " + Shapes.format(t.shape()));
    }

    /** The broadcast shape of parameters, or an error naming them. */
    static long[] broadcast(String family, String[] names, long[]... shapes) {
        try {
            return Shapes.broadcast(shapes);
        } catch (IllegalArgumentException e) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                b.append(i == 0 ? "" : i == names.length - 1 ? " and " : ", ")
                        .append(names[i]).append(' ').append(Shapes.format(shapes[i]));
            }
            throw new IllegalArgumentException(family + ": parameter shapes do not broadcast: " + b, e);
        }
    }

    /**
     * Fails unless {@code value} has the event shape on the right and its other dimensions broadcast
     * with the batch shape. Shapes are static, so this also runs on traced values.
     */
    static void valueShape(String family, Tensor value, long[] batchShape, long[] eventShape) {
        long[] s = value.shape();
        int e = eventShape.length;
        boolean ok = s.length >= e && Arrays.equals(Arrays.copyOfRange(s, s.length - e, s.length), eventShape);
        if (ok) {
            try {
                Shapes.broadcast(Arrays.copyOf(s, s.length - e), batchShape);
            } catch (IllegalArgumentException ex) {
                ok = false;
            }
        }
        require(ok, family, "value of shape " + Shapes.format(s) + " does not match batch shape "
                + Shapes.format(batchShape) + " and event shape " + Shapes.format(eventShape));
    }

    /** Fails unless {@code high > low} element-wise (concrete values; NaN fails). */
    static void ordered(String family, String lowName, Tensor low, String highName, Tensor high) {
        ordered(family, lowName, low, highName, high, true);
    }

    /** Fails unless {@code high > low} ({@code strict}) or {@code high >= low} element-wise. */
    static void ordered(String family, String lowName, Tensor low, String highName, Tensor high, boolean strict) {
        if (!Validation.enabled() || low.isTraced() || high.isTraced()) {
            return;
        }
        long[] s = broadcast(family, new String[]{lowName, highName}, low.shape(), high.shape());
        double[] lo = low.castTo(DataType.DOUBLE).broadcastTo(s).toDoubleArray();
        double[] hi = high.castTo(DataType.DOUBLE).broadcastTo(s).toDoubleArray();
        for (int i = 0; i < lo.length; i++) {
            if (!(hi[i] > lo[i] || !strict && hi[i] == lo[i])) {
                throw new IllegalArgumentException(family + ": parameter " + highName + " must be "
                        + (strict ? "> " : ">= ") + lowName
                        + ", got " + highName + " = " + hi[i] + " and " + lowName + " = " + lo[i]
                        + (lo.length == 1 ? "" : " (element " + i + " of shape " + Shapes.format(s) + ")"));
            }
        }
    }

    /** Checks that a batch shape can be expanded to {@code shape} and returns a copy of it. */
    static long[] expand(String family, long[] batchShape, long[] shape) {
        require(Shapes.broadcastsTo(batchShape, shape), family, "cannot expand batch shape "
                + Shapes.format(batchShape) + " to " + Shapes.format(shape));
        return shape.clone();
    }

    /**
     * Accepts common cases with one or two reductions instead of element-wise tests: a finite sum means
     * every element is finite (an overflowing sum or a NaN falls through to the full check, which also
     * builds the message).
     */
    private static boolean quickAccept(Tensor value, Constraint c) {
        INDArray a = value.array();
        if (!a.dataType().isFPType() || a.length() == 0) {
            return false;
        }
        if (c == Constraints.REAL || c == Constraints.REAL_VECTOR) {
            return Double.isFinite(a.sumNumber().doubleValue());
        }
        if (c == Constraints.POSITIVE) {
            return a.minNumber().doubleValue() > 0 && Double.isFinite(a.sumNumber().doubleValue());
        }
        if (c == Constraints.NONNEGATIVE) {
            return a.minNumber().doubleValue() >= 0 && Double.isFinite(a.sumNumber().doubleValue());
        }
        if (c == Constraints.UNIT_INTERVAL) {
            return a.minNumber().doubleValue() >= 0 && a.maxNumber().doubleValue() <= 1;
        }
        if (c == Constraints.SIMPLEX && a.rank() >= 1) {
            return a.minNumber().doubleValue() >= 0
                    && a.sum(a.rank() - 1).subi(1.0).amaxNumber().doubleValue() < Constraints.TOLERANCE;
        }
        return false;
    }

    private static boolean anyFalse(Tensor ok) {
        INDArray a = ok.array();
        return a.length() > 0 && a.castTo(DataType.DOUBLE).minNumber().doubleValue() < 0.5;
    }

    private static String describe(Constraint c) {
        switch (c.name()) {
            case "positive": return "> 0";
            case "nonnegative": return ">= 0";
            case "real": return "finite";
            case "simplex": return "a simplex (entries >= 0 summing to 1 along the last dimension)";
            case "positive definite": return "symmetric positive definite";
            case "boolean": return "0 or 1";
            case "nonzero": return "non-zero";
            default:
                return c instanceof Constraints.GreaterThan || c.name().startsWith("less than") ? c.name()
                        : c.eventDim() > 0 || c.name().equals("integer") ? "a " + c.name() : "in " + c.name();
        }
    }

    private static String firstBad(Tensor value, Tensor ok, int eventDim) {
        long[] okShape = ok.shape();
        Tensor v = value.castTo(DataType.DOUBLE);
        long[] eventShape = Arrays.copyOfRange(value.shape(), value.rank() - eventDim, value.rank());
        long[] full = Shapes.concat(okShape, eventShape);
        if (Shapes.broadcastsTo(v.shape(), full)) {
            v = v.broadcastTo(full);
        }
        double[] flatOk = ok.castTo(DataType.DOUBLE).toDoubleArray();
        double[] vals = v.toDoubleArray();
        int eventSize = (int) Shapes.size(eventShape);
        for (int i = 0; i < flatOk.length; i++) {
            if (flatOk[i] < 0.5) {
                String shown = format(vals, i * eventSize, eventShape);
                return flatOk.length == 1 ? shown : shown + " (element " + i + " of batch shape "
                        + Shapes.format(okShape) + ")";
            }
        }
        return value.toString();
    }

    /** An element, vector or matrix of {@code vals} starting at {@code offset}, in bracket notation. */
    private static String format(double[] vals, int offset, long[] eventShape) {
        if (offset >= vals.length) {
            return "?";
        }
        if (eventShape.length == 0) {
            return String.valueOf(vals[offset]);
        }
        long inner = Shapes.size(Arrays.copyOfRange(eventShape, 1, eventShape.length));
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < eventShape[0]; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(format(vals, offset + (int) (i * inner), Arrays.copyOfRange(eventShape, 1, eventShape.length)));
        }
        return b.append(']').toString();
    }
}
