package dev.pyrite.handlers;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parallel enumeration: every latent discrete site with the infer option {@code enumerate=parallel}
 * takes <em>all</em> its values at once, laid out along a fresh dimension to the left of every plate.
 * Downstream sites broadcast over it, so the trace's log densities carry one dimension per enumerated
 * site and a sum-product over those dimensions marginalises them out.
 *
 * <p>Dimensions start at {@code firstAvailableDim} (-1 - the number of plate dimensions) and go left; a
 * site gets the rightmost one not held by a site that is still visible. Inside {@link Markov} chains
 * sites of old steps stop being visible, so their dimensions are reused. The site's dimension is kept
 * in its infer options as {@code "_enumerate_dim"}.
 *
 * <pre>{@code
 * Map<String, Object> ENUM = Map.of("enumerate", "parallel");
 * Trace tr = Handlers.trace().getTrace(Handlers.enumerate(-1).wrap(() -> {
 *     Tensor a = Pyrite.sample("a", Bernoulli.ofProbs(0.3), ENUM);     // shape [2]
 *     Tensor b = Pyrite.sample("b", Bernoulli.ofProbs(0.6), ENUM);     // shape [2, 1]
 * }));
 * }</pre>
 */
public final class EnumHandler extends Handler<EnumHandler> {
    /** Infer option key and value that ask for parallel enumeration. */
    public static final String ENUMERATE = "enumerate";
    public static final String PARALLEL = "parallel";
    /** Infer key recording the dimension a site was enumerated in. */
    public static final String DIM_KEY = "_enumerate_dim";
    /**
     * Infer key recording, on every SAMPLE and FACTOR site visited under this handler, which enumerated
     * site holds each enumeration dimension the site can see (an unmodifiable map, dim to site name). A
     * site's log density varies along an enumeration dimension only through the site recorded there, so
     * a contraction can tell apart two sites that {@link Markov} let share one dimension.
     */
    public static final String VISIBLE_KEY = "_enumerate_visible";
    /** libnd4j arrays have at most this many dimensions. */
    public static final int MAX_DIMS = 32;

    private final int firstAvailableDim;
    private final Map<String, Integer> dims = new LinkedHashMap<>();
    private final Map<String, List<Markov.Position>> positions = new LinkedHashMap<>();

    EnumHandler(int firstAvailableDim) {
        if (firstAvailableDim >= 0) {
            throw new IllegalArgumentException("enum: firstAvailableDim must be negative, got " + firstAvailableDim);
        }
        this.firstAvailableDim = firstAvailableDim;
    }

    @Override
    protected void onEnter() {
        dims.clear();
        positions.clear();
    }

    @Override
    protected void process(Message msg) {
        boolean hasDensity = (msg.type == MessageType.SAMPLE || msg.type == MessageType.FACTOR) && !msg.isSubsample();
        if (msg.type == MessageType.SAMPLE && !msg.observed && !msg.done && msg.value == null
                && PARALLEL.equals(msg.infer.get(ENUMERATE))) {
            enumerate(msg);
        }
        if (hasDensity) {
            msg.infer.put(VISIBLE_KEY, visibleDims());
        }
    }

    @SuppressWarnings("unchecked")
    private void enumerate(Message msg) {
        Distribution d = msg.distribution;
        if (!d.hasEnumerateSupport()) {
            throw new IllegalArgumentException("site '" + msg.name + "'" + msg.platesSuffix() + ": asks for parallel"
                    + " enumeration but " + d.getClass().getSimpleName() + " has no finite support to enumerate");
        }
        int dim = allocate(msg);
        long[] batch = d.batchShape();
        int at = batch.length + dim;   // position of dim within the batch shape, if it reaches that far
        if (at >= 0 && batch[at] != 1) {
            throw new IllegalArgumentException("site '" + msg.name + "'" + msg.platesSuffix() + ": enumeration dim "
                    + dim + " is taken by the distribution's batch shape " + Shapes.format(batch)
                    + "; is firstAvailableDim (" + firstAvailableDim + ") left of every plate?");
        }
        Tensor support = d.enumerateSupport(false);
        long[] shape = Shapes.concat(new long[]{support.size(0)}, ones(-dim - 1), d.eventShape());
        msg.value = support.reshape(shape);
        msg.infer.put(DIM_KEY, dim);
        msg.done = true;
        dims.put(msg.name, dim);
        Object p = msg.infer.get(Markov.INFER_KEY);
        positions.put(msg.name, p == null ? List.of() : (List<Markov.Position>) p);
    }

    /** Dimension to name of every enumerated site that is visible now. */
    private Map<Integer, String> visibleDims() {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : dims.entrySet()) {
            if (visible(positions.get(e.getKey()))) {
                out.put(e.getValue(), e.getKey());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The rightmost dimension from firstAvailableDim leftward that no visible enumerated site holds. */
    private int allocate(Message msg) {
        Set<Integer> used = new HashSet<>();
        for (Map.Entry<String, Integer> e : dims.entrySet()) {
            if (visible(positions.get(e.getKey()))) {
                used.add(e.getValue());
            }
        }
        int dim = firstAvailableDim;
        while (used.contains(dim)) {
            dim--;
        }
        if (dim < -MAX_DIMS) {
            List<String> holders = new ArrayList<>(dims.keySet());
            throw new IllegalStateException("site '" + msg.name + "'" + msg.platesSuffix() + ": enumeration needs"
                    + " dimension " + dim + " but libnd4j arrays have at most " + MAX_DIMS + " dimensions ("
                    + used.size() + " held by " + holders.subList(Math.max(0, holders.size() - 5), holders.size())
                    + "...); wrap chain-structured parts of the model in Pyrite.markov()");
        }
        return dim;
    }

    private static boolean visible(List<Markov.Position> ps) {
        for (Markov.Position p : ps) {
            if (!p.visible()) {
                return false;
            }
        }
        return true;
    }

    /** The rightmost dimension enumeration may use; plates own the dimensions to its right. */
    public int firstAvailableDim() {
        return firstAvailableDim;
    }

    /** The dimension each enumerated site of the current run got, in visiting order. */
    public Map<String, Integer> dims() {
        return java.util.Collections.unmodifiableMap(dims);
    }

    private static long[] ones(int n) {
        long[] s = new long[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }
}
