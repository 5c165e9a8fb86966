package dev.pyrite.inference.svi;

import dev.pyrite.inference.state.ArraySections;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A first-order optimiser over the parameter store's unconstrained values. One call of {@link #apply}
 * is one step for every parameter: the learning rate comes from the schedule at the step count, the
 * gradients are first clipped to a global norm when {@link #clipGradNorm} was set, then each value is
 * moved by the family's rule (which keeps per-parameter state, such as Adam's moments, by name).
 *
 * <p>Its state (the step count, which is also the schedule's position, and every parameter's slots) is
 * {@link Checkpointable}: an optimiser with the same settings that reads it continues bit for bit.
 *
 * <pre>{@code
 * Optimiser opt = Adam.of(0.01).clipGradNorm(10.0);
 * }</pre>
 */
public abstract class Optimiser implements Checkpointable {
    private final LearningRateSchedule schedule;
    private double clipNorm = Double.POSITIVE_INFINITY;
    private long steps;
    /** Per-parameter state arrays, by parameter name (sorted, so the checkpoint's order is fixed) and slot. */
    private final Map<String, INDArray[]> state = new TreeMap<>();

    protected Optimiser(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("learning-rate schedule is null");
        }
        this.schedule = schedule;
    }

    /** Rescales all gradients together so that their joint Euclidean norm is at most {@code maxNorm}. */
    public Optimiser clipGradNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: max norm must be > 0, got " + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        return schedule.rate(steps);
    }

    /**
     * One step: moves every {@code values} entry (unconstrained, updated in place) against its gradient
     * in {@code grads} (same names, same shapes).
     */
    public final void apply(Map<String, INDArray> values, Map<String, INDArray> grads) {
        double lr = schedule.rate(steps);
        steps++;
        double factor = 1.0;
        if (Double.isFinite(clipNorm)) {
            double sq = 0;
            for (INDArray g : grads.values()) {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
            }
            double norm = Math.sqrt(sq);
            if (norm > clipNorm) {
                factor = clipNorm / norm;
            }
        }
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g == null) {
                throw new IllegalArgumentException("no gradient for parameter '" + e.getKey() + "'");
            }
            INDArray grad = factor == 1.0 ? g : g.mul(factor);
            update(e.getKey(), e.getValue(), grad, lr, steps);
        }
    }

    /**
     * Moves {@code value} in place. {@code t} counts steps from 1 (Adam's bias correction uses it).
     */
    protected abstract void update(String name, INDArray value, INDArray grad, double lr, long t);

    /** The state slots of a parameter, zero-filled like {@code value} on first use. */
    protected final INDArray[] state(String name, INDArray value, int slots) {
        return state.computeIfAbsent(name, k -> {
            INDArray[] s = new INDArray[slots];
            for (int i = 0; i < slots; i++) {
                s[i] = value.ulike().assign(0);
            }
            return s;
        });
    }

    /** Forgets per-parameter state and the step count (e.g. after loading other parameters). */
    public void reset() {
        state.clear();
        steps = 0;
    }

    /**
     * Writes the step count and, per parameter, its slots with their data type, shape and exact values.
     */
    @Override
    public void writeState(StateWriter out) {
        out.longValue("steps", steps);
        out.integer("parameters", state.size());
        for (Map.Entry<String, INDArray[]> e : state.entrySet()) {
            out.string("name", e.getKey());
            out.integer("slots", e.getValue().length);
            for (INDArray slot : e.getValue()) {
                ArraySections.write(out, slot);
            }
        }
    }

    @Override
    public void readState(StateReader in) {
        state.clear();
        steps = in.longValue("steps");
        int n = in.integer("parameters");
        for (int i = 0; i < n; i++) {
            String name = in.string("name");
            INDArray[] slots = new INDArray[in.integer("slots")];
            for (int k = 0; k < slots.length; k++) {
                slots[k] = ArraySections.read(in);
            }
            state.put(name, slots);
        }
    }

    static INDArray sqrt(INDArray a) {
        return Transforms.sqrt(a, true);
    }
}
