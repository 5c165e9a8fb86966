package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Delta;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Transform;
import dev.pyrite.distributions.Transforms;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.diagnostics.NormalQuantile;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A guide built from the model's trace: every latent (continuous) site of the model gets a value from a
 * distribution in the unconstrained space, mapped to the site's support with {@code bijectTo}. The
 * model is traced once, on the first {@link #prepare} (SVI calls it with the step's arguments), with
 * seed 0; initial locations are the prior medians of 51 draws, initial scales {@value #INIT_SCALE}.
 * Parameters live under {@code <prefix>.<name>} in the {@link ParamStore} that was
 * {@link ParamStore#current() current} when the guide was first prepared (an SVI's own store when the SVI
 * prepares it), its {@link #store()}: the summaries below and every run of the guide use that store,
 * also outside the SVI (e.g. in {@link Predictive}).
 *
 * <p>Every autoguide gives posterior summaries in the constrained space: {@link #median()},
 * {@link #quantile(double)} (from the normal marginals in the unconstrained space, mapped through the
 * transforms) and {@link #sample(int, RandomStream)}.
 */
public abstract class AutoGuide implements SviModel {
    static final double INIT_SCALE = 0.1;

    /** A latent site of the model: its value shape, event dims, bijection, and place in the flat vector. */
    protected record Site(String name, long[] shape, int eventDims, Transform transform, long[] unconstrainedShape,
                          long offset, long size) {
    }

    private final SviModel model;
    private final String prefix;
    private List<Site> sites;
    private volatile ParamStore store;
    private int nesting;
    private long dimension;

    protected AutoGuide(SviModel model, String prefix) {
        if (model == null) {
            throw new IllegalArgumentException(prefix + ": model is null");
        }
        this.model = model;
        this.prefix = prefix;
    }

    /** Traces the model with these arguments (once) to find its latent sites and initialise parameters. */
    public final synchronized void prepare(Tensor... args) {
        if (sites != null) {
            return;
        }
        Trace trace;
        try (var block = Handlers.block().enter(); var seed = Handlers.seed(RandomStream.of(0)).enter()) {
            trace = Handlers.trace().getTrace(() -> model.run(args));
        }
        int nest = 0;
        for (Message m : trace.sites()) {
            for (PlateFrame f : m.frames) {
                nest = Math.max(nest, -f.dim());
            }
        }
        List<Site> out = new ArrayList<>();
        long offset = 0;
        RandomStream initStream = RandomStream.of(1);
        Map<String, Tensor> initLocs = new LinkedHashMap<>();
        for (Message m : trace.latentSites()) {
            Distribution d = m.distribution;
            if (d.isDiscrete()) {
                throw new IllegalArgumentException(prefix + ": model site '" + m.name + "' is discrete ("
                        + d.getClass().getSimpleName() + "); autoguides need continuous latent sites");
            }
            for (PlateFrame f : m.frames) {
                if (f.subsampleSize() != f.size()) {
                    throw new IllegalArgumentException(prefix + ": model site '" + m.name + "' is in subsampled plate '"
                            + f.name() + "'; autoguides support only global latent sites");
                }
            }
            Transform t = Transforms.bijectTo(d.support());
            long[] shape = m.tensorValue().shape();
            long[] ushape = t.inverseShape(shape);
            Site s = new Site(m.name, shape, d.eventShape().length, t, ushape, offset, Shapes.size(ushape));
            out.add(s);
            offset += s.size();
            initLocs.put(m.name, t.inverse(priorMedian(d, initStream)).reshape(ushape));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(prefix + ": the model has no latent sample sites");
        }
        this.nesting = nest;
        this.dimension = offset;
        this.store = ParamStore.current();
        this.sites = List.copyOf(out);
        initialise(initLocs);
    }

    private static Tensor priorMedian(Distribution d, RandomStream stream) {
        int n = 51;
        INDArray draws = d.sample(stream, n).array();
        INDArray sorted = Nd4j.sort(draws.dup(), 0, true);
        return Tensor.of(sorted.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n / 2)).dup());
    }

    /** Stores the initial parameters, given each site's initial unconstrained location. */
    protected abstract void initialise(Map<String, Tensor> initLocs);

    /** The guide's sample statements (called inside plates that SVI or Predictive add). */
    protected abstract void sampleSites();

    @Override
    public final void run(Tensor... args) {
        prepare(args);
        try (ContextScope<ParamStore> scope = ParamStore.scope(store)) {
            sampleSites();
        }
    }

    /** The model's latent sites (after {@link #prepare}). */
    protected final List<Site> sites() {
        if (sites == null) {
            throw new IllegalStateException(prefix + ": not prepared; call prepare(args) or run SVI first");
        }
        return sites;
    }

    /** The names of the model's latent sites. */
    public final List<String> siteNames() {
        return sites().stream().map(Site::name).toList();
    }

    /** Total size of the unconstrained latent vector. */
    public final long dimension() {
        sites();
        return dimension;
    }

    protected final int nesting() {
        return nesting;
    }

    protected final String name(String part) {
        return prefix + "." + part;
    }

    /** The store holding this guide's parameters (after {@link #prepare}). */
    public final ParamStore store() {
        sites();
        return store;
    }

    /** The store holding this guide's parameters, or null before {@link #prepare}. */
    final ParamStore preparedStore() {
        return store;
    }

    /** The flat unconstrained location [D] (the guide's median in the unconstrained space). */
    protected abstract Tensor flatLoc();

    /** The flat unconstrained marginal standard deviations [D]. */
    protected abstract Tensor flatScale();

    /** {@code n} flat unconstrained draws [n, D]. */
    protected abstract Tensor flatSample(int n, RandomStream stream);

    /** Splits a flat unconstrained value {@code [..., D]} into constrained site values. */
    protected final Map<String, Tensor> unpack(Tensor flat) {
        long[] lead = Arrays.copyOf(flat.shape(), flat.rank() - 1);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Site s : sites()) {
            Tensor u = flat.slice(flat.rank() - 1, s.offset(), s.offset() + s.size());
            out.put(s.name(), s.transform().forward(u.reshape(Shapes.concat(lead, s.unconstrainedShape()))));
        }
        return out;
    }

    /** The posterior median of every site, constrained (monotone transforms map medians to medians). */
    public final Map<String, Tensor> median() {
        return unpack(flatLoc().detach());
    }

    /** The marginal {@code q}-quantile of every site, constrained (exact for element-wise monotone bijections). */
    public final Map<String, Tensor> quantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1), got " + q);
        }
        return unpack(flatLoc().add(flatScale().mul(NormalQuantile.inverseCdf(q))));
    }

    /** {@code n} posterior draws of every site, constrained: each {@code [n] + site shape}. */
    public final Map<String, Tensor> sample(int n, RandomStream stream) {
        return unpack(flatSample(n, stream));
    }

    /**
     * Emits the model's sites from a flat unconstrained draw {@code u [..batch.., D]} (its batch dims are
     * the particles plate's, if any): each site as a Delta at its constrained value, and one factor with
     * minus the log-Jacobians, so that the guide's log density is that of the constrained values.
     */
    protected final void emitFromFlat(Tensor u) {
        long[] lead = Arrays.copyOf(u.shape(), u.rank() - 1);
        Tensor logDet = null;
        for (Site s : sites()) {
            Tensor part = u.slice(u.rank() - 1, s.offset(), s.offset() + s.size()).reshape(siteShape(lead, s));
            Tensor x = s.transform().forward(part);
            Tensor j = s.transform().logAbsDetJacobian(part, x);
            if (lead.length == 0) {
                j = j.sum();
            } else {
                while (j.rank() > 1) {
                    j = j.sum(false, -1);
                }
                j = j.reshape(lead);
            }
            logDet = logDet == null ? j : logDet.add(j);
            Pyrite.sample(s.name(), Delta.of(x, Tensor.scalar(0.0).castTo(x.dtype()), s.eventDims()));
        }
        Pyrite.factor(name("logdet"), logDet.neg());
    }

    /** [lead[0]] + the site's unconstrained shape left-padded to the model's plate nesting, or the shape alone. */
    private long[] siteShape(long[] lead, Site s) {
        if (lead.length == 0) {
            return s.unconstrainedShape();
        }
        long[] shape = s.unconstrainedShape();
        int eventDims = s.eventDims() + (shape.length - s.shape().length);
        int batchRank = shape.length - eventDims;
        long[] out = new long[lead.length + eventDims];
        Arrays.fill(out, 1);
        out[0] = lead[0];
        for (int i = 0; i < batchRank; i++) {
            out[lead.length - batchRank + i] = shape[i];
        }
        for (int i = 0; i < eventDims; i++) {
            out[lead.length + i] = shape[batchRank + i];
        }
        return out;
    }
}
