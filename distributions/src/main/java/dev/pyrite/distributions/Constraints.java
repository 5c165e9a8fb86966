package dev.pyrite.distributions;

import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Tensor;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The common constraints: the supports of the distribution families and the sets their parameters live
 * in. Parameterised sets ({@link Interval}, {@link GreaterThan}, {@link IntegerInterval}) are public
 * classes so that {@link Transforms#bijectTo} can read their bounds; the others are singletons.
 *
 * <p>Checks are meant for concrete values; bounds may be tensors and broadcast against the value.
 */
public final class Constraints {
    private Constraints() {
    }

    /** Tolerance for equality tests on sums and norms (simplex, unit rows, symmetry). */
    static final double TOLERANCE = 1e-6;

    private record Simple(String name, Function<Tensor, Tensor> test, int eventDim, boolean discrete)
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

    private static Tensor asFloat(Tensor v) {
        return v.isFloatingPoint() ? v : v.castTo(Backend.floatType());
    }

    private static Tensor finite(Tensor v) {
        return asFloat(v).isFinite();
    }

    /** True along the last dimension where every element of {@code mask} is true. */
    private static Tensor all(Tensor mask, int... dims) {
        return mask.castTo(Backend.floatType()).min(false, dims).gt(0.5);
    }

    private static Tensor isInteger(Tensor v) {
        Tensor f = asFloat(v);
        return f.eq(f.floor());
    }

    public static final Constraint REAL = new Simple("real", Constraints::finite, 0, false);
    public static final Constraint POSITIVE = new Simple("positive", v -> v.gt(0.0).and(finite(v)), 0, false);
    public static final Constraint NONNEGATIVE = new Simple("nonnegative", v -> v.ge(0.0).and(finite(v)), 0, false);
    /** The closed unit interval [0, 1]. */
    public static final Constraint UNIT_INTERVAL = new Simple("unit interval", v -> v.ge(0.0).and(v.le(1.0)), 0, false);
    /** The values 0 and 1. */
    public static final Constraint BOOLEAN = new Simple("boolean", v -> v.eq(0.0).or(v.eq(1.0)), 0, true);
    public static final Constraint NONNEGATIVE_INTEGER = new Simple("nonnegative integer",
            v -> v.ge(0.0).and(isInteger(v)).and(finite(v)), 0, true);
    public static final Constraint POSITIVE_INTEGER = new Simple("positive integer",
            v -> v.ge(1.0).and(isInteger(v)).and(finite(v)), 0, true);

    /** Finite integers. */
    public static final Constraint INTEGER = new Simple("integer", v -> isInteger(v).and(finite(v)), 0, true);

    /** Values other than 0. */
    public static final Constraint NONZERO = new Simple("nonzero", v -> v.ne(v.zerosLike().castTo(v.dtype())), 0, false);

    /** Finite values below {@code hi}. */
    public static Constraint lessThan(double hi) {
        return new Simple("less than " + hi, v -> v.lt(hi).and(finite(v)), 0, false);
    }

    /** One-hot vectors: entries 0 or 1 with exactly one 1 along the last dimension. */
    public static final Constraint ONE_HOT = new Simple("one-hot vector",
            v -> all(v.eq(0.0).or(v.eq(1.0)), -1).and(v.sum(false, -1).eq(1.0)), 1, true);

    /** Vectors of non-negative integers summing to {@code n} along the last dimension. */
    public static Constraint multinomial(long n) {
        return new Simple("non-negative integer vector summing to " + n,
                v -> all(v.ge(0.0).and(isInteger(v)), -1).and(asFloat(v).sum(false, -1).eq((double) n)), 1, true);
    }

    /** Vectors of finite reals (the support of multivariate families on R^d). */
    public static final Constraint REAL_VECTOR = new Simple("real vector", v -> all(finite(v), -1), 1, false);

    /** Non-negative vectors summing to one along the last dimension. */
    public static final Constraint SIMPLEX = new Simple("simplex",
            v -> all(v.ge(0.0), -1).and(v.sum(false, -1).sub(1.0).abs().lt(TOLERANCE)), 1, false);

    /** Vectors whose entries strictly increase along the last dimension. */
    public static final Constraint ORDERED_VECTOR = new Simple("ordered vector", v -> {
        long n = v.size(-1);
        Tensor ok = all(finite(v), -1);
        return n < 2 ? ok : ok.and(all(v.slice(-1, 1, n).gt(v.slice(-1, 0, n - 1)), -1));
    }, 1, false);

    /** Lower-triangular matrices with a positive diagonal. */
    public static final Constraint LOWER_CHOLESKY = new Simple("lower Cholesky factor (lower triangular, "
            + "positive diagonal)", Constraints::lowerCholesky, 2, false);

    /** Lower Cholesky factors of correlation matrices: lower triangular, positive diagonal, unit rows. */
    public static final Constraint CORR_CHOLESKY = new Simple("Cholesky factor of a correlation matrix "
            + "(lower triangular, positive diagonal, rows of unit norm)",
            v -> lowerCholesky(v).and(all(v.square().sum(false, -1).sub(1.0).abs().lt(TOLERANCE), -1)), 2, false);

    /**
     * Symmetric positive-definite matrices. Concrete values are tested by a float64 Cholesky
     * factorisation; traced values only by symmetry and a positive diagonal (necessary conditions).
     */
    public static final Constraint POSITIVE_DEFINITE = new Simple("positive definite",
            Constraints::positiveDefinite, 2, false);

    private static Tensor lowerCholesky(Tensor v) {
        Tensor upperZero = v.sub(v.tril()).abs().max(false, -2, -1).eq(0.0);
        return upperZero.and(all(v.diagonal().gt(0.0), -1)).and(all(finite(v), -2, -1));
    }

    private static Tensor positiveDefinite(Tensor v) {
        Tensor symmetric = all(v.sub(v.transpose()).abs().le(v.abs().add(1.0).mul(TOLERANCE)), -2, -1);
        if (v.isTraced()) {
            return symmetric.and(all(v.diagonal().gt(0.0), -1));
        }
        long n = v.size(-1);
        double[] a = v.toDoubleArray();
        int count = (int) (a.length / (n * n));
        double[] ok = new double[count];
        for (int m = 0; m < count; m++) {
            ok[m] = choleskySucceeds(a, m * (int) (n * n), (int) n) ? 1.0 : 0.0;
        }
        long[] shape = v.shape();
        long[] batch = java.util.Arrays.copyOf(shape, shape.length - 2);
        INDArray flags = batch.length == 0 ? Nd4j.scalar(DataType.DOUBLE, ok[0]) : Nd4j.create(ok, batch, DataType.DOUBLE);
        return symmetric.and(Tensor.of(flags).gt(0.5));
    }

    /** A plain float64 Cholesky factorisation of the lower triangle; false when a pivot is not positive. */
    private static boolean choleskySucceeds(double[] a, int offset, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[offset + j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[offset + i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /** The closed interval [lower, upper]; bounds broadcast against the value. */
    public static final class Interval implements Constraint {
        private final Tensor lower;
        private final Tensor upper;

        private Interval(Tensor lower, Tensor upper) {
            this.lower = lower;
            this.upper = upper;
        }

        public Tensor lower() {
            return lower;
        }

        public Tensor upper() {
            return upper;
        }

        @Override
        public Tensor check(Tensor value) {
            Tensor v = asFloat(value).castTo(lower.dtype());
            return v.ge(lower).and(v.le(upper));
        }

        @Override
        public String name() {
            return "interval [" + bound(lower) + ", " + bound(upper) + "]";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Values greater than (or, when not strict, equal to) {@code lower}. */
    public static final class GreaterThan implements Constraint {
        private final Tensor lower;
        private final boolean strict;

        private GreaterThan(Tensor lower, boolean strict) {
            this.lower = lower;
            this.strict = strict;
        }

        public Tensor lower() {
            return lower;
        }

        public boolean strict() {
            return strict;
        }

        @Override
        public Tensor check(Tensor value) {
            Tensor v = asFloat(value).castTo(lower.dtype());
            return (strict ? v.gt(lower) : v.ge(lower)).and(v.isFinite());
        }

        @Override
        public String name() {
            return (strict ? "greater than " : "greater than or equal to ") + bound(lower);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The integers {@code lower..upper} inclusive; bounds broadcast against the value. */
    public static final class IntegerInterval implements Constraint {
        private final Tensor lower;
        private final Tensor upper;

        private IntegerInterval(Tensor lower, Tensor upper) {
            this.lower = lower;
            this.upper = upper;
        }

        public Tensor lower() {
            return lower;
        }

        public Tensor upper() {
            return upper;
        }

        @Override
        public Tensor check(Tensor value) {
            Tensor v = asFloat(value).castTo(lower.dtype());
            return v.ge(lower).and(v.le(upper)).and(v.eq(v.floor()));
        }

        @Override
        public boolean isDiscrete() {
            return true;
        }

        @Override
        public String name() {
            return "integer interval [" + integerBound(lower) + ", " + integerBound(upper) + "]";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** True when a parameterised constraint has a traced bound: its check cannot be evaluated now. */
    static boolean hasTracedBounds(Constraint c) {
        if (c instanceof Interval i) {
            return i.lower.isTraced() || i.upper.isTraced();
        }
        if (c instanceof IntegerInterval i) {
            return i.lower.isTraced() || i.upper.isTraced();
        }
        if (c instanceof GreaterThan g) {
            return g.lower.isTraced();
        }
        return false;
    }

    /**
     * A real bound for names and messages: its value when it is one number (as a double, e.g. "1.0"),
     * else its shape. Names are stable keys (parameter stores match constraints by name).
     */
    private static String bound(Tensor t) {
        if (!t.isTraced() && t.numel() == 1) {
            return String.valueOf(t.item());
        }
        return "tensor" + java.util.Arrays.toString(t.shape());
    }

    /** An integer bound, e.g. "3". */
    private static String integerBound(Tensor t) {
        if (!t.isTraced() && t.numel() == 1) {
            double x = t.item();
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
        }
        return "tensor" + java.util.Arrays.toString(t.shape());
    }

    private static Tensor scalar(double x) {
        return Tensor.scalar(x);
    }

    /** Integers {@code lo..hi} inclusive. */
    public static Constraint integerInterval(long lo, long hi) {
        return new IntegerInterval(scalar(lo), scalar(hi));
    }

    /** Integers {@code lower..upper} inclusive, bounds broadcasting against the value. */
    public static Constraint integerInterval(Tensor lower, Tensor upper) {
        return new IntegerInterval(lower, upper);
    }

    /** The closed interval [lo, hi] (as in torch.distributions). */
    public static Constraint interval(double lo, double hi) {
        return new Interval(scalar(lo), scalar(hi));
    }

    /** The closed interval [lower, upper], bounds broadcasting against the value. */
    public static Constraint interval(Tensor lower, Tensor upper) {
        return new Interval(lower, upper);
    }

    /** Finite values greater than {@code lo}. */
    public static Constraint greaterThan(double lo) {
        return new GreaterThan(scalar(lo), true);
    }

    /** Finite values greater than {@code lower} (broadcasting against the value). */
    public static Constraint greaterThan(Tensor lower) {
        return new GreaterThan(lower, true);
    }

    /** Finite values greater than or equal to {@code lower}. */
    public static Constraint greaterThanEq(Tensor lower) {
        return new GreaterThan(lower, false);
    }
}
