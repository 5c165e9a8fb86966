package dev.pyrite.inference.enumeration;

import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plated factor graph of a trace recorded under parallel enumeration ({@code Handlers.enumerate}):
 * one factor per SAMPLE and FACTOR site, its scaled log density with every dimension named. A dimension
 * right of the first enumeration dimension is the plate of the site's frame there; one left of it is
 * the enumerated site the site saw in that dimension (recorded by the enumeration handler, so sites of
 * different Markov steps that shared a dimension stay distinct). Dimensions along which a density is
 * constant are dropped, except a site's own enumerated dimension. Plates named in {@code batchPlates}
 * (e.g. MCMC chains) become batch names. A subsampled plate's scale moves from the factors to the
 * plate, so that it scales the plate's contribution after enumeration (an unbiased estimate of the
 * full data's log marginal likelihood), not the factors inside it.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(Handlers.enumerate(-2).wrap(model));
 * TraceFactorGraph g = TraceFactorGraph.of(tr, -2, List.of());
 * double logZ = PlatedSumProduct.contract(g.graph(), LogSumExpSemiring.INSTANCE).data().item();
 * }</pre>
 */
public final class TraceFactorGraph {
    private final Trace trace;
    private final FactorGraph graph;
    private final Map<String, Message> enumerated;

    private TraceFactorGraph(Trace trace, FactorGraph graph, Map<String, Message> enumerated) {
        this.trace = trace;
        this.graph = graph;
        this.enumerated = enumerated;
    }

    /** Builds the graph of {@code trace}, whose enumeration dimensions start at {@code firstEnumDim}. */
    public static TraceFactorGraph of(Trace trace, int firstEnumDim, List<String> batchPlates) {
        List<Factor> factors = new ArrayList<>();
        Map<String, Long> plates = new LinkedHashMap<>();
        List<String> batch = new ArrayList<>();
        Map<String, Double> scales = new LinkedHashMap<>();
        Map<String, Message> enumerated = new LinkedHashMap<>();
        List<ChainLink> chains = new ArrayList<>();
        for (Message m : trace.sites()) {
            if (!m.hasLogProb() || m.isSubsample()) {
                continue;
            }
            if (m.infer.containsKey(EnumHandler.DIM_KEY)) {
                enumerated.put(m.name, m);
            }
            Object prevOf = m.infer.get(VectorizedMarkov.PREVIOUS_OF);
            if (prevOf != null && m.infer.containsKey(EnumHandler.DIM_KEY)) {
                chains.add(new ChainLink((String) m.infer.get(VectorizedMarkov.TIME), m.name, (String) prevOf));
            }
            for (PlateFrame f : m.frames) {
                if (batchPlates.contains(f.name())) {
                    if (!batch.contains(f.name())) {
                        batch.add(f.name());
                    }
                } else {
                    if (f.subsampleSize() != f.size()) {
                        scales.put(f.name(), f.scale());
                    }
                    Long old = plates.put(f.name(), f.subsampleSize());
                    if (old != null && old != f.subsampleSize()) {
                        throw new IllegalArgumentException("plate '" + f.name() + "' has sizes " + old + " and "
                                + f.subsampleSize() + " in one trace");
                    }
                }
            }
            factors.add(factorOf(m, firstEnumDim));
        }
        List<String> batchOrder = new ArrayList<>();
        for (String b : batchPlates) {
            if (batch.contains(b)) {
                batchOrder.add(b);
            }
        }
        return new TraceFactorGraph(trace, new FactorGraph(factors, plates, batchOrder, chains, scales), enumerated);
    }

    /**
     * One site's masked and scaled log density with its dimensions named; the scale of subsampled plates
     * is taken out (the contraction applies it to the plate's product).
     */
    @SuppressWarnings("unchecked")
    static Factor factorOf(Message m, int firstEnumDim) {
        Tensor lp = m.scaledLogProb();
        double subsampling = 1;
        for (PlateFrame f : m.frames) {
            subsampling *= f.scale();
        }
        if (subsampling != 1) {
            lp = lp.div(subsampling);
        }
        long[] shape = lp.shape();
        int rank = shape.length;
        Map<Integer, String> visible = (Map<Integer, String>) m.infer.getOrDefault(EnumHandler.VISIBLE_KEY, Map.of());
        Integer own = (Integer) m.infer.get(EnumHandler.DIM_KEY);
        List<String> names = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        List<PlateFrame> missing = new ArrayList<>(m.frames);
        long ownSize = 0;
        int ownAt = -1;
        for (int pos = 0; pos < rank; pos++) {
            int dim = pos - rank;
            long size = shape[pos];
            String name = null;
            if (dim > firstEnumDim) {
                PlateFrame frame = null;
                for (PlateFrame f : m.frames) {
                    if (f.dim() == dim) {
                        frame = f;
                    }
                }
                if (frame != null) {
                    name = frame.name();
                    missing.remove(frame);
                } else if (size != 1) {
                    throw new IllegalArgumentException("site '" + m.name + "': its log density has shape "
                            + Shapes.format(shape) + ", of size " + size + " along dim " + dim
                            + ", where the site has no plate (plates " + m.frames + ")");
                }
            } else {
                String v = visible.get(dim);
                if (v == null) {
                    if (size != 1) {
                        throw new IllegalArgumentException("site '" + m.name + "': its log density has shape "
                                + Shapes.format(shape) + ", of size " + size + " along enumeration dim " + dim
                                + ", but no enumerated site it can see holds that dim (visible: " + visible + ")");
                    }
                } else if (size != 1 || (own != null && own == dim)) {
                    name = v;
                    if (own != null && own == dim) {
                        ownAt = names.size();
                        ownSize = m.tensorValue().size(0);
                    }
                }
            }
            if (name != null) {
                names.add(name);
                kept.add(size);
            }
        }
        if (own != null && ownAt < 0) {
            // The site's own dimension lies left of its log density's rank: the density is constant in it.
            ownAt = 0;
            ownSize = m.tensorValue().size(0);
            names.add(0, m.name);
            kept.add(0, 1L);
        }
        for (PlateFrame f : missing) {
            names.add(0, f.name());
            kept.add(0, 1L);
            if (ownAt >= 0) {
                ownAt++;
            }
        }
        long[] s = new long[kept.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = kept.get(i);
        }
        Tensor data = lp.reshape(s);
        if (ownAt >= 0 && s[ownAt] != ownSize) {
            s[ownAt] = ownSize;
            data = data.broadcastTo(s);
        }
        return Factor.of(data, names);
    }

    /**
     * Names of a site's batch layout, one per dimension from the leftmost plate dimension it uses to -1:
     * the plate's name, or a placeholder where the site has no plate. With {@link #layoutShape} this
     * places a variable's values (named by plates) as the site's batch shape.
     */
    static List<String> layout(Message site) {
        int rank = 0;
        for (PlateFrame f : site.frames) {
            rank = Math.max(rank, -f.dim());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            String name = "\u0000unit " + i;
            for (PlateFrame f : site.frames) {
                if (f.dim() == i - rank) {
                    name = f.name();
                }
            }
            names.add(name);
        }
        return names;
    }

    /** The sizes of {@link #layout}: plate sizes, 1 elsewhere. */
    static long[] layoutShape(Message site) {
        List<String> names = layout(site);
        long[] shape = new long[names.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = 1;
            for (PlateFrame f : site.frames) {
                if (f.name().equals(names.get(i))) {
                    shape[i] = f.subsampleSize();
                }
            }
        }
        return shape;
    }

    /** True for the previous-state site of a vectorised Markov chain (an internal variable). */
    static boolean isPreviousState(Message site) {
        return site.infer.containsKey(VectorizedMarkov.PREVIOUS_OF);
    }

    /** The trace the graph was built from. */
    public Trace trace() {
        return trace;
    }

    public FactorGraph graph() {
        return graph;
    }

    /** The enumerated sites by name (each is a variable of the graph). */
    public Map<String, Message> enumerated() {
        return java.util.Collections.unmodifiableMap(enumerated);
    }

    /**
     * The support values of an enumerated site picked by indices (as a backward pass chooses them):
     * {@code index} holds positions into the site's support.
     */
    public Tensor supportValues(String site, Tensor index) {
        Message m = enumerated.get(site);
        if (m == null) {
            throw new IllegalArgumentException("'" + site + "' is not an enumerated site (enumerated: "
                    + enumerated.keySet() + ")");
        }
        Tensor support = m.tensorValue().reshape(-1);
        if (support.numel() != m.tensorValue().size(0)) {
            throw new IllegalArgumentException("site '" + site + "': only scalar-valued sites can be decoded");
        }
        Tensor values = Vindex.entries(support.castTo(dev.pyrite.tensor.Backend.floatType()), index);
        return values.castTo(support.dtype());
    }
}
