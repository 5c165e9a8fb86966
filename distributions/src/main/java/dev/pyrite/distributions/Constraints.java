package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** The common constraints. */
public final class Constraints {
    private Constraints() {
    }

    private record Simple(String name, java.util.function.Function<Tensor, Tensor> test, int eventDim, boolean discrete)
            implements Constraint {
        @Override
        public Tensor check(Tensor value) {
            return test.apply(value);
        }

        @Override
        public boolean isDiscrete() {
            return discrete;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Tensor finite(Tensor v) {
        return v.castTo(dev.pyrite.tensor.Backend.floatType()).isFinite();
    }

    public static final Constraint REAL = new Simple("real", Constraints::finite, 0, false);
    public static final Constraint POSITIVE = new Simple("positive", v -> v.gt(0.0).and(finite(v)), 0, false);
    public static final Constraint NONNEGATIVE = new Simple("nonnegative", v -> v.ge(0.0).and(finite(v)), 0, false);
    public static final Constraint UNIT_INTERVAL = new Simple("unit interval", v -> v.ge(0.0).and(v.le(1.0)), 0, false);
    public static final Constraint BOOLEAN = new Simple("boolean", v -> v.eq(0.0).or(v.eq(1.0)), 0, true);
    public static final Constraint NONNEGATIVE_INTEGER = new Simple("nonnegative integer",
            v -> v.ge(0.0).and(v.eq(v.floor())), 0, true);

    /** Integers {@code lo..hi} inclusive. */
    public static Constraint integerInterval(long lo, long hi) {
        return new Simple("integer interval [" + lo + ", " + hi + "]",
                v -> v.ge((double) lo).and(v.le((double) hi)).and(v.eq(v.floor())), 0, true);
    }

    /** The open interval (lo, hi). */
    public static Constraint interval(double lo, double hi) {
        return new Simple("interval (" + lo + ", " + hi + ")", v -> v.gt(lo).and(v.lt(hi)), 0, false);
    }

    /** Values greater than {@code lo}. */
    public static Constraint greaterThan(double lo) {
        return new Simple("greater than " + lo, v -> v.gt(lo).and(finite(v)), 0, false);
    }

    /** Non-negative vectors summing to one along the last dimension. */
    public static final Constraint SIMPLEX = new Simple("simplex",
            v -> v.ge(0.0).castTo(v.dtype()).min(false, -1).gt(0.5)
                    .and(v.sum(false, -1).sub(1.0).abs().lt(1e-6)), 1, false);
}
