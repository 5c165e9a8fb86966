package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A number, vector, matrix (or higher array) of a running FOPPL program, or a boolean array. The
 * tensor's dimensions are, from the left:
 * <ol>
 *   <li>a <em>prefix</em> of batch dimensions the program does not see: the chains of an MCMC run
 *   (values that depend on latent sites carry one per chain) and dimensions of enumerated discrete
 *   sites; every prefix is aligned to the right of one global layout, so prefixes broadcast;</li>
 *   <li>{@code loopRank} dimensions, one per enclosing {@code foreach} that is evaluated vectorised
 *   (outermost first): the body runs once for all iterations;</li>
 *   <li>{@code rank} dimensions the program sees: none for a number, one for a vector.</li>
 * </ol>
 * Operations align two values by padding the loop and logical parts separately, so NumPy broadcasting
 * applies to what the program sees while the hidden dimensions ride along.
 *
 * @param tensor   the data (concrete, or traced inside a compiled program)
 * @param loopRank number of vectorised-loop dimensions
 * @param rank     number of dimensions the program sees
 * @param random   true when the value depends on a latent sample (conditions on such values take both
 *                 branches, see {@link IfNode})
 */
record TensorValue(Tensor tensor, int loopRank, int rank, boolean random) {
    /**
     * The largest count of a foreach, loop, range or repeat: far above real models, low enough that a
     * count is a safe array size and that a hostile one fails at its form instead of exhausting memory.
     */
    static final long MAX_COUNT = 10_000_000;
    /**
     * The most dimensions a value may have (loop and logical together). libnd4j's arrays have at most 32,
     * and crash the JVM beyond; the rest is left for hidden dimensions (chains, enumerated values).
     */
    static final int MAX_RANK = 16;

    TensorValue {
        if (loopRank + rank > MAX_RANK) {
            throw new IllegalArgumentException("arrays may have at most " + MAX_RANK + " dimensions, got "
                    + (loopRank + rank) + (loopRank > 0 ? " (" + loopRank + " of them from vectorised loops)" : ""));
        }
        if (tensor.rank() < loopRank + rank) {
            throw new IllegalStateException("tensor of shape " + Shapes.format(tensor.shape()) + " cannot hold "
                    + loopRank + " loop and " + rank + " logical dimensions");
        }
    }

    /** A constant (data) value: no hidden dimensions. */
    static TensorValue constant(Tensor t) {
        return new TensorValue(t, 0, t.rank(), false);
    }

    static TensorValue scalar(double v) {
        return constant(Tensor.scalar(v));
    }

    static TensorValue bool(boolean b) {
        return constant(Tensor.scalar(b ? 1.0 : 0.0).castTo(DataType.BOOL));
    }

    /** The shape the program sees. */
    long[] shape() {
        long[] s = tensor.shape();
        return Arrays.copyOfRange(s, s.length - rank, s.length);
    }

    /** The shape of the loop dimensions (sizes 1 where the value does not vary along a loop). */
    long[] loopShape() {
        long[] s = tensor.shape();
        return Arrays.copyOfRange(s, s.length - rank - loopRank, s.length - rank);
    }

    int prefixRank() {
        return tensor.rank() - loopRank - rank;
    }

    /** Index of the first logical dimension in the tensor. */
    int firstLogicalDim() {
        return tensor.rank() - rank;
    }

    boolean isBool() {
        return tensor.dtype() == DataType.BOOL;
    }

    /** True when the value is the same for every chain, loop iteration and enumerated value. */
    boolean isPlain() {
        return !random && loopRank == 0 && prefixRank() == 0 && !tensor.isTraced();
    }

    /** The same data reinterpreted with other rank bookkeeping. */
    TensorValue with(Tensor t, int newLoopRank, int newRank) {
        return new TensorValue(t, newLoopRank, newRank, random);
    }

    /** The same bookkeeping around a new tensor (an element-wise function of this one). */
    TensorValue map(Tensor t) {
        return new TensorValue(t, loopRank, rank, random);
    }

    /** As floating point (booleans become 0/1). */
    TensorValue numeric() {
        return tensor.isFloatingPoint() && tensor.dtype() == Backend.floatType() ? this
                : map(tensor.castTo(Backend.floatType()));
    }

    /** As booleans (numbers: non-zero is true). */
    TensorValue truth() {
        return isBool() ? this : map(tensor.castTo(Backend.floatType()).ne(Tensor.scalar(0.0)));
    }

    /**
     * Pads the loop part to {@code loops} dimensions (unit dimensions added on the inner side) and the
     * logical part to {@code logical} dimensions (unit dimensions added on the left).
     */
    TensorValue padTo(int loops, int logical) {
        if (loops < loopRank || logical < rank) {
            throw new IllegalStateException("cannot pad " + loopRank + "/" + rank + " to " + loops + "/" + logical);
        }
        if (loops == loopRank && logical == rank) {
            return this;
        }
        long[] s = tensor.shape();
        int insert = (loops - loopRank) + (logical - rank);
        int at = s.length - rank;
        long[] out = new long[s.length + insert];
        System.arraycopy(s, 0, out, 0, at);
        Arrays.fill(out, at, at + insert, 1L);
        System.arraycopy(s, at, out, at + insert, rank);
        return new TensorValue(tensor.reshape(out), loops, logical, random);
    }

    /** Brings values to common loop and logical ranks (see {@link #padTo}). */
    static TensorValue[] align(TensorValue... values) {
        int loops = 0;
        int logical = 0;
        for (TensorValue v : values) {
            loops = Math.max(loops, v.loopRank);
            logical = Math.max(logical, v.rank);
        }
        TensorValue[] out = new TensorValue[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].padTo(loops, logical);
        }
        return out;
    }

    /** The logical shape two values broadcast to; an error naming both shapes otherwise. */
    static long[] broadcastShapes(String op, TensorValue... values) {
        long[][] shapes = new long[values.length][];
        for (int i = 0; i < values.length; i++) {
            shapes[i] = values[i].shape();
        }
        try {
            return Shapes.broadcast(shapes);
        } catch (IllegalArgumentException e) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < shapes.length; i++) {
                b.append(i == 0 ? "" : " and ").append(Shapes.format(shapes[i]));
            }
            throw new IllegalArgumentException(op + ": shapes " + b + " do not broadcast", e);
        }
    }

    static boolean anyRandom(TensorValue... values) {
        for (TensorValue v : values) {
            if (v.random) {
                return true;
            }
        }
        return false;
    }

    /** The single number of a plain scalar (a count, an index, a condition known before the run). */
    double number(String what) {
        if (rank != 0) {
            throw new IllegalArgumentException(what + " must be a single number, got shape " + Shapes.format(shape()));
        }
        if (!isPlain()) {
            throw new IllegalArgumentException(what + " must be known before the program runs (it may not depend on"
                    + " sampled values or on the iteration of a vectorised foreach)");
        }
        return tensor.castTo(DataType.DOUBLE).item();
    }

    /** {@link #number} that must be a whole number from 0 to {@link #MAX_COUNT}. */
    long count(String what) {
        double v = number(what);
        if (!(v >= 0 && v == Math.rint(v) && v <= MAX_COUNT)) {   // also NaN
            throw new IllegalArgumentException(what + " must be a whole number from 0 to " + MAX_COUNT + ", got "
                    + (v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v)));
        }
        return (long) v;
    }

    @Override
    public String toString() {
        return tensor.isTraced() ? "traced " + Shapes.format(shape()) : tensor.toString();
    }
}
