package dev.pyrite.tensor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An explicit, seeded, splittable stream of random numbers. Pyrite never draws from a hidden
 * global generator (and never from ND4J's): every random value comes from a {@code RandomStream}
 * that is passed around, so a run is a pure function of its seeds and is reproducible bit for bit.
 *
 * <h2>Generator</h2>
 * The core is the LXM generator L64X128MixRandom of G. L. Steele Jr. and S. Vigna, "LXM: better
 * splittable pseudorandom number generators (and almost as fast)", OOPSLA 2021 (the same algorithm
 * as the JDK 17 class of that name; the code here is independent). Its state is four 64-bit words:
 * a 64-bit LCG {@code s <- M s + a} with an odd per-stream increment {@code a}, a xoroshiro128
 * generator {@code (x0, x1)}, and each output is the Lea mixing function applied to
 * {@code s + x0}. The period is 2^64 (2^128 - 1) and streams with different increments are
 * different sequences, which is what makes {@link #split()} sound. {@link #of(long)} expands a
 * seed into the four words with SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014).
 *
 * <h2>Reproducibility</h2>
 * <ul>
 *   <li>{@link #state()} is an immutable snapshot; {@link #restore(State)} gives a stream that
 *       continues exactly where the snapshot was taken. There are no cached values (such as a
 *       spare normal) outside the state.
 *   <li>Every draw consumes a fixed, documented number of 64-bit outputs or, for rejection
 *       samplers, a number that depends only on the outputs; transcendental functions are
 *       {@link StrictMath}'s, so draws are identical on every JVM and CPU.
 *   <li>{@link #split()} takes four outputs of this stream to seed a child; {@link #split(int)}
 *       is exactly {@code n} successive {@code split()} calls.
 * </ul>
 *
 * <h2>Arrays</h2>
 * Array draws return a new C-ordered array of the requested shape (an empty shape gives a scalar)
 * filled in C order. The data type defaults to {@code DOUBLE}; {@code FLOAT} is supported for the
 * continuous draws. Parameter arrays broadcast to the requested shape with NumPy's rule (aligned
 * on the right, each dimension equal or 1), e.g. {@code gamma(alpha, 1000, 3)} with alpha of shape
 * [3] gives a [1000, 3] array whose columns have alpha's three shapes. Methods without a shape use
 * the parameters' (broadcast) shape.
 *
 * <p>A stream is not thread-safe: give each thread, chain or particle its own via
 * {@link #split(int)}.
 */
public final class RandomStream {

    /** LCG multiplier of L64X128MixRandom (Steele and Vigna 2021, table of LXM parameters). */
    private static final long M = 0xd1342543de82ef95L;
    /** Multiplier of the Lea 64-bit mixing function (Doug Lea). */
    private static final long LEA_MULTIPLIER = 0xdaba0b6eb09322e3L;
    /** SplitMix64's increment, the odd integer closest to 2^64 / phi. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private static final double FLOAT_ULP = 0x1.0p-24;
    private static final double DOUBLE_BELOW_ONE = 1.0 - 0x1.0p-53;
    private static final double FLOAT_BELOW_ONE = 1.0 - 0x1.0p-24;

    private long a;
    private long s;
    private long x0;
    private long x1;

    private RandomStream(long a, long s, long x0, long x1) {
        this.a = a;
        this.s = s;
        this.x0 = x0;
        this.x1 = x1;
    }

    // ------------------------------------------------------------------ creation and state

    /** A stream determined by {@code seed}; equal seeds give identical streams. */
    public static RandomStream of(long seed) {
        long z = seed;
        long a = splitMix64(z += GOLDEN_GAMMA) | 1L;
        long s = splitMix64(z += GOLDEN_GAMMA);
        long x0 = splitMix64(z += GOLDEN_GAMMA);
        long x1 = splitMix64(z + GOLDEN_GAMMA);
        return fromWords(a, s, x0, x1);
    }

    /** A stream that continues exactly from {@code state}. */
    public static RandomStream restore(State state) {
        Objects.requireNonNull(state, "state");
        return new RandomStream(state.increment(), state.lcg(), state.xbg0(), state.xbg1());
    }

    /** An immutable snapshot of this stream's position; later draws do not change it. */
    public State state() {
        return new State(a, s, x0, x1);
    }

    /**
     * A new stream, statistically independent of this one, seeded from four outputs of this
     * stream (which therefore advances deterministically). The child's LCG increment comes from
     * this stream's output, so parent and children follow different sequences.
     */
    public RandomStream split() {
        long ca = nextLong() | 1L;
        long cs = nextLong();
        long c0 = nextLong();
        long c1 = nextLong();
        return fromWords(ca, cs, c0, c1);
    }

    /**
     * {@code n} new independent streams (for example one per chain or particle); the same as
     * {@code n} successive {@link #split()} calls, in order.
     */
    public List<RandomStream> split(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot split into " + n + " streams");
        }
        List<RandomStream> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(split());
        }
        return Collections.unmodifiableList(children);
    }

    private static RandomStream fromWords(long a, long s, long x0, long x1) {
        if ((x0 | x1) == 0L) {
            // The all-zero xoroshiro state is a fixed point; 2^-128 chance, but never allow it.
            x1 = GOLDEN_GAMMA;
        }
        return new RandomStream(a, s, x0, x1);
    }

    /** SplitMix64's output function (Stafford's "Mix13" variant of the MurmurHash3 finaliser). */
    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ scalars

    /** The next 64 uniformly distributed bits (one output). */
    public long nextLong() {
        long z = s + x0;
        z = (z ^ (z >>> 32)) * LEA_MULTIPLIER;
        z = (z ^ (z >>> 32)) * LEA_MULTIPLIER;
        z ^= z >>> 32;
        s = M * s + a;
        long q0 = x0;
        long q1 = x1 ^ q0;
        x0 = Long.rotateLeft(q0, 24) ^ q1 ^ (q1 << 16);
        x1 = Long.rotateLeft(q1, 37);
        return z;
    }

    /** A uniform double in [0, 1), a multiple of 2^-53 (one output). */
    public double uniformDouble() {
        return RandomVariates.uniform(this);
    }

    /**
     * A standard normal double by the polar method: two outputs per attempt (accepted with
     * probability pi/4); the pair's second value is dropped so that no value is cached.
     */
    public double normalDouble() {
        return RandomVariates.normal(this);
    }

    // ------------------------------------------------------------------ uniform and normal

    /** Uniform [0, 1) doubles of the given shape. */
    public INDArray uniform(long... shape) {
        return uniform(DataType.DOUBLE, shape);
    }

    /**
     * Uniform values in [0, 1) of the given shape and type, one output per element: multiples of
     * 2^-53 for {@code DOUBLE}, of 2^-24 for {@code FLOAT} (never rounded up to 1).
     */
    public INDArray uniform(DataType dataType, long... shape) {
        requireFloating(dataType);
        long[] sh = ParameterBroadcast.checkShape(shape);
        double[] v = new double[ParameterBroadcast.length(sh)];
        if (dataType == DataType.FLOAT) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (nextLong() >>> 40) * FLOAT_ULP;
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = RandomVariates.uniform(this);
            }
        }
        return Nd4j.create(v, sh, dataType);
    }

    /** Standard normal doubles of the given shape. */
    public INDArray normal(long... shape) {
        return normal(DataType.DOUBLE, shape);
    }

    /**
     * Standard normal values of the given shape and type by Marsaglia's polar method: each
     * consecutive pair of elements (and an odd last element) comes from one accepted pair of
     * uniforms, two outputs per attempt.
     */
    public INDArray normal(DataType dataType, long... shape) {
        requireFloating(dataType);
        long[] sh = ParameterBroadcast.checkShape(shape);
        double[] v = new double[ParameterBroadcast.length(sh)];
        for (int i = 0; i < v.length; i += 2) {
            RandomVariates.normalPair(this, v, i);
        }
        return Nd4j.create(v, sh, dataType);
    }

    // ------------------------------------------------------------------ gamma and beta

    /** Standard gamma (rate 1) doubles with shape parameter {@code alpha}, of alpha's shape. */
    public INDArray gamma(INDArray alpha) {
        return gamma(alpha, DataType.DOUBLE, alpha.shape());
    }

    /** Standard gamma draws of alpha's shape and the given type. */
    public INDArray gamma(INDArray alpha, DataType dataType) {
        return gamma(alpha, dataType, alpha.shape());
    }

    /** Standard gamma doubles of the given shape; {@code alpha} broadcasts to it. */
    public INDArray gamma(INDArray alpha, long... shape) {
        return gamma(alpha, DataType.DOUBLE, shape);
    }

    /**
     * Standard gamma (rate 1) draws with shape parameter {@code alpha > 0} (broadcast to
     * {@code shape}) by Marsaglia and Tsang (2000), with their U^(1/alpha) boost for alpha &lt; 1.
     * Divide by a rate to get other rates. Values are clamped to at least the smallest normal
     * number of the type (tiny alpha underflows otherwise), so every draw is positive.
     */
    public INDArray gamma(INDArray alpha, DataType dataType, long... shape) {
        Objects.requireNonNull(alpha, "alpha");
        requireFloating(dataType);
        long[] sh = ParameterBroadcast.checkShape(shape);
        int[] map = ParameterBroadcast.indexMap(alpha.shape(), sh, "alpha");
        double[] al = ParameterBroadcast.values(alpha);
        for (double x : al) {
            requirePositiveFinite(x, "alpha");
        }
        boolean f = dataType == DataType.FLOAT;
        double lo = f ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double hi = f ? Float.MAX_VALUE : Double.MAX_VALUE;
        double[] v = new double[ParameterBroadcast.length(sh)];
        for (int i = 0; i < v.length; i++) {
            double g = RandomVariates.gamma(this, al[map == null ? i : map[i]]);
            v[i] = Math.min(Math.max(g, lo), hi);
        }
        return Nd4j.create(v, sh, dataType);
    }

    /** Beta doubles of the broadcast shape of {@code a} and {@code b}. */
    public INDArray beta(INDArray a, INDArray b) {
        return beta(a, b, DataType.DOUBLE);
    }

    /** Beta draws of the broadcast shape of {@code a} and {@code b}, of the given type. */
    public INDArray beta(INDArray a, INDArray b, DataType dataType) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return beta(a, b, dataType, ParameterBroadcast.broadcastShapes(a.shape(), b.shape(), "a", "b"));
    }

    /** Beta doubles of the given shape; {@code a} and {@code b} broadcast to it. */
    public INDArray beta(INDArray a, INDArray b, long... shape) {
        return beta(a, b, DataType.DOUBLE, shape);
    }

    /**
     * Beta(a, b) draws ({@code a, b > 0}, broadcast to {@code shape}) as Ga / (Ga + Gb) with two
     * independent standard gammas, formed from their logarithms so that small shapes are exact.
     * Values lie in the open interval (0, 1) of the type: a draw that rounds to an end point is
     * moved to the nearest interior value (the smallest normal number, or the largest below 1).
     */
    public INDArray beta(INDArray a, INDArray b, DataType dataType, long... shape) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        requireFloating(dataType);
        long[] sh = ParameterBroadcast.checkShape(shape);
        int[] mapA = ParameterBroadcast.indexMap(a.shape(), sh, "a");
        int[] mapB = ParameterBroadcast.indexMap(b.shape(), sh, "b");
        double[] av = ParameterBroadcast.values(a);
        double[] bv = ParameterBroadcast.values(b);
        for (double x : av) {
            requirePositiveFinite(x, "a");
        }
        for (double x : bv) {
            requirePositiveFinite(x, "b");
        }
        boolean f = dataType == DataType.FLOAT;
        double lo = f ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double hi = f ? FLOAT_BELOW_ONE : DOUBLE_BELOW_ONE;
        double[] v = new double[ParameterBroadcast.length(sh)];
        for (int i = 0; i < v.length; i++) {
            double x = RandomVariates.beta(this, av[mapA == null ? i : mapA[i]], bv[mapB == null ? i : mapB[i]]);
            v[i] = Math.min(Math.max(x, lo), hi);
        }
        return Nd4j.create(v, sh, dataType);
    }

    // ------------------------------------------------------------------ discrete

    /** Poisson counts as doubles, of rate's shape. */
    public INDArray poisson(INDArray rate) {
        return poisson(rate, DataType.DOUBLE, rate.shape());
    }

    /** Poisson counts of rate's shape, of the given type. */
    public INDArray poisson(INDArray rate, DataType dataType) {
        return poisson(rate, dataType, rate.shape());
    }

    /** Poisson counts as doubles, of the given shape; {@code rate} broadcasts to it. */
    public INDArray poisson(INDArray rate, long... shape) {
        return poisson(rate, DataType.DOUBLE, shape);
    }

    /**
     * Poisson counts with mean {@code rate >= 0} (broadcast to {@code shape}): inversion by
     * sequential search for rates below 10, Hörmann's PTRS transformed rejection (1993) for larger
     * rates. The type is {@code DOUBLE}, {@code FLOAT} or {@code INT64}.
     */
    public INDArray poisson(INDArray rate, DataType dataType, long... shape) {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(dataType, "dataType");
        if (dataType != DataType.DOUBLE && dataType != DataType.FLOAT && dataType != DataType.INT64) {
            throw new IllegalArgumentException("poisson draws are DOUBLE, FLOAT or INT64, not " + dataType);
        }
        long[] sh = ParameterBroadcast.checkShape(shape);
        int[] map = ParameterBroadcast.indexMap(rate.shape(), sh, "rate");
        double[] rv = ParameterBroadcast.values(rate);
        for (double x : rv) {
            if (!(x >= 0.0) || x == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("rate must be finite and >= 0, got " + x);
            }
        }
        int n = ParameterBroadcast.length(sh);
        if (dataType == DataType.INT64) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = RandomVariates.poisson(this, rv[map == null ? i : map[i]]);
            }
            return Nd4j.create(v, sh, DataType.INT64);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = RandomVariates.poisson(this, rv[map == null ? i : map[i]]);
        }
        return Nd4j.create(v, sh, dataType);
    }

    /**
     * Category indices from {@code probs} of shape [..., K]: an {@code INT64} array of shape
     * [...] with values in 0..K-1.
     */
    public INDArray categorical(INDArray probs) {
        Objects.requireNonNull(probs, "probs");
        long[] ps = probs.shape();
        if (ps.length == 0) {
            throw new IllegalArgumentException("probs must have at least one dimension (the categories)");
        }
        return categorical(probs, Arrays.copyOf(ps, ps.length - 1));
    }

    /**
     * Category indices of the given shape ({@code INT64}, values in 0..K-1) from {@code probs} of
     * shape [..., K], whose batch dimensions [...] broadcast to {@code shape}. Each draw uses one
     * output, inverted through the row's cumulative probabilities by binary search. Rows should
     * sum to 1; each is divided by its sum, so round-off in the sum is harmless. Entries must be
     * non-negative and every row must have a positive sum; categories of probability 0 are never
     * drawn.
     */
    public INDArray categorical(INDArray probs, long... shape) {
        Objects.requireNonNull(probs, "probs");
        long[] sh = ParameterBroadcast.checkShape(shape);
        long[] ps = probs.shape();
        if (ps.length == 0 || ps[ps.length - 1] == 0) {
            throw new IllegalArgumentException("probs must have a non-empty last (category) dimension, shape "
                    + Arrays.toString(ps));
        }
        int k = (int) ps[ps.length - 1];
        int[] map = ParameterBroadcast.indexMap(Arrays.copyOf(ps, ps.length - 1), sh, "probs (batch dimensions)");
        double[] cdf = ParameterBroadcast.values(probs);
        for (int base = 0; base < cdf.length; base += k) {
            cumulativeRow(cdf, base, k);
        }
        long[] v = new long[ParameterBroadcast.length(sh)];
        for (int i = 0; i < v.length; i++) {
            int base = (map == null ? i : map[i]) * k;
            v[i] = firstAbove(cdf, base, k, RandomVariates.uniform(this));
        }
        return Nd4j.create(v, sh, DataType.INT64);
    }

    /** Replaces row [base, base + k) of probabilities by its normalised cumulative sums. */
    private static void cumulativeRow(double[] p, int base, int k) {
        double sum = 0.0;
        for (int j = base; j < base + k; j++) {
            double x = p[j];
            if (!(x >= 0.0) || x == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("probabilities must be finite and >= 0, got " + x);
            }
            sum += x;
            p[j] = sum;
        }
        if (!(sum > 0.0) || sum == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("a row of probs sums to " + sum);
        }
        // The last positive entry becomes sum / sum == 1 exactly, so any u < 1 stops at or before it.
        for (int j = base; j < base + k; j++) {
            p[j] /= sum;
        }
    }

    /** The smallest j in [0, k) with cdf[base + j] > u; exists because the row ends at 1 > u. */
    private static long firstAbove(double[] cdf, int base, int k, double u) {
        int lo = 0;
        int hi = k - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[base + mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ------------------------------------------------------------------ checks

    private static void requireFloating(DataType dataType) {
        Objects.requireNonNull(dataType, "dataType");
        if (dataType != DataType.DOUBLE && dataType != DataType.FLOAT) {
            throw new IllegalArgumentException("continuous draws are DOUBLE or FLOAT, not " + dataType);
        }
    }

    private static void requirePositiveFinite(double x, String name) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
        }
    }

    @Override
    public String toString() {
        return "RandomStream[" + state() + "]";
    }

    // ------------------------------------------------------------------ state

    /**
     * An immutable snapshot of a stream's four state words: the LCG's odd {@code increment} and
     * its value {@code lcg}, and the xoroshiro128 words {@code xbg0, xbg1} (not both zero). It
     * converts to and from a {@code long[4]} ({@link #toLongs()}, {@link #fromLongs(long[])}) and a
     * string such as {@code "L64X128Mix:0123456789abcdef:...:..."} ({@link #toString()},
     * {@link #parse(String)}); it is also {@link Serializable}.
     */
    public record State(long increment, long lcg, long xbg0, long xbg1) implements Serializable {

        private static final long serialVersionUID = 1L;
        private static final String PREFIX = "L64X128Mix";

        /** Checks that the words form a valid state. */
        public State {
            if ((increment & 1L) == 0L) {
                throw new IllegalArgumentException("increment must be odd");
            }
            if ((xbg0 | xbg1) == 0L) {
                throw new IllegalArgumentException("xbg0 and xbg1 must not both be zero");
            }
        }

        /** The four words {increment, lcg, xbg0, xbg1}. */
        public long[] toLongs() {
            return new long[] {increment, lcg, xbg0, xbg1};
        }

        /** The state with the four words of {@link #toLongs()}. */
        public static State fromLongs(long[] words) {
            Objects.requireNonNull(words, "words");
            if (words.length != 4) {
                throw new IllegalArgumentException("a state has 4 words, got " + words.length);
            }
            return new State(words[0], words[1], words[2], words[3]);
        }

        /** Parses the form written by {@link #toString()}. */
        public static State parse(String text) {
            Objects.requireNonNull(text, "text");
            String[] parts = text.trim().split(":");
            if (parts.length != 5 || !parts[0].equals(PREFIX)) {
                throw new IllegalArgumentException("not a RandomStream state: " + text);
            }
            long[] words = new long[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i + 1].length() != 16) {
                    throw new IllegalArgumentException("not a RandomStream state: " + text);
                }
                try {
                    words[i] = Long.parseUnsignedLong(parts[i + 1], 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a RandomStream state: " + text, e);
                }
            }
            return fromLongs(words);
        }

        /** {@code "L64X128Mix:"} followed by the four words as 16 hex digits each, ':'-separated. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s:%016x:%016x:%016x:%016x", PREFIX, increment, lcg, xbg0, xbg1);
        }
    }
}
