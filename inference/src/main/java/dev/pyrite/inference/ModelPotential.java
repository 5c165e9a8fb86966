package dev.pyrite.inference;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Transform;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Subsample;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.enumeration.Factor;
import dev.pyrite.inference.enumeration.LogSumExpSemiring;
import dev.pyrite.inference.enumeration.PlatedSumProduct;
import dev.pyrite.inference.enumeration.TraceEnum;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The potential energy of a model: minus its log joint at the latent sites' values, written on a flat
 * unconstrained vector {@code q [C, D]} with each site mapped through the bijection to its support and
 * the log-Jacobian added. The model runs inside an outermost {@code _chains} plate, so the C chains are
 * one batch: one run of the model (traced once into the samplers' programs) evaluates every chain.
 *
 * <pre>{@code
 * ModelPotential u = ModelPotential.of(() -> {
 *     Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
 *     Pyrite.sample("y", Normal.of(mu, Tensor.scalar(1)), Tensor.of(1.2, 0.8));
 * });
 * McmcSamples s = MCMC.nuts(u).run();
 * }</pre>
 *
 * <p>Discrete latent sites with a finite support are marginalised out: the model then runs under
 * parallel enumeration, each such site taking all its values along its own dimension left of the
 * chains plate, and the log joint is the plated sum-product of the trace's factors in the
 * log-sum-exp semiring, with the chains dimension kept as a batch dimension ({@link TraceEnum},
 * {@link PlatedSumProduct}). A mixture model with per-point assignments thus runs under NUTS with
 * no hand-written log-sum-exp; {@code InferDiscrete} recovers the assignments afterwards.
 *
 * <p>A plate with a subsample size is refused: the potential is the full-data log joint.
 */
public final class ModelPotential implements Potential {
    /** Name of the plate that holds the chains. */
    public static final String CHAINS = "_chains";
    private final Runnable model;
    private final List<LatentSite> sites;
    private final int nesting;
    private final int dimension;
    private final List<String> enumerated;
    /** The discrete sites embedded on the real line (embedding mode only). */
    private final List<String> embedded;
    /** Found by the first call of {@link #jumpSites()}. */
    private volatile List<String> jumpSites;

    private ModelPotential(Runnable model, List<LatentSite> sites, int nesting, List<String> enumerated,
                           List<String> embedded) {
        this.model = model;
        this.sites = List.copyOf(sites);
        this.nesting = nesting;
        this.enumerated = List.copyOf(enumerated);
        this.embedded = List.copyOf(embedded);
        int d = 0;
        for (LatentSite s : sites) {
            d += s.size();
        }
        this.dimension = d;
    }

    /** Finds the model's latent sites by running it once with random values (seed 0). */
    public static ModelPotential of(Runnable model) {
        return discover(model, false);
    }

    /**
     * The potential for Discontinuous HMC: every discrete latent site, of finite or unbounded support
     * (Poisson, Geometric, NegativeBinomial, Binomial, Categorical, DiscreteUniform...), gets one real
     * coordinate per element, {@code [k, k+1)} standing for {@code k} and {@code +inf} energy outside the
     * support ({@link IntegerEmbedding}); the model sees the integer. Those coordinates are listed by
     * {@link #discontinuousCoordinates()}. Nothing is enumerated.
     *
     * <pre>{@code
     * ModelPotential u = ModelPotential.embedding(model);
     * McmcSamples s = DHMC.of(u).run();
     * }</pre>
     */
    public static ModelPotential embedding(Runnable model) {
        return discover(model, true);
    }

    private static ModelPotential discover(Runnable model, boolean embed) {
        Trace trace;
        try (var seed = Handlers.seed(RandomStream.of(0)).enter()) {
            trace = Handlers.trace().getTrace(model);
        }
        rejectSubsampling(trace);
        int nesting = 0;
        for (Message m : trace.sites()) {
            for (PlateFrame f : m.frames) {
                nesting = Math.max(nesting, -f.dim());
            }
        }
        List<LatentSite> sites = new ArrayList<>();
        List<String> enumerated = new ArrayList<>();
        List<String> embedded = new ArrayList<>();
        int offset = 0;
        for (Message m : trace.latentSites()) {
            Distribution dist = m.distribution;
            if (embed && dist.isDiscrete()) {
                long[] shape = m.tensorValue().shape();
                LatentSite site = new LatentSite(m.name, offset, shape, shape, dist.eventShape().length,
                        IntegerEmbedding.of(dist.support(), m.name));
                sites.add(site);
                embedded.add(m.name);
                offset += site.size();
                continue;
            }
            if (dist.isDiscrete() && dist.hasEnumerateSupport()) {
                enumerated.add(m.name);
                continue;
            }
            if (dist.isDiscrete()) {
                throw new IllegalArgumentException("site '" + m.name + "' is discrete (" + dist.getClass().getSimpleName()
                        + ", support " + dist.support().name() + ") with no finite support to enumerate: NUTS"
                        + " marginalises finite discrete sites only; observe it, give it a finite support, or sample"
                        + " it with DHMC (ModelPotential.embedding, --algo dhmc)");
            }
            Transform t = dev.pyrite.distributions.Transforms.bijectTo(dist.support());
            long[] shape = m.tensorValue().shape();
            LatentSite site = new LatentSite(m.name, offset, shape, t.inverseShape(shape), dist.eventShape().length, t);
            sites.add(site);
            offset += site.size();
        }
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("the model has no " + (embed ? "" : "continuous ")
                    + "latent sample sites to infer"
                    + (enumerated.isEmpty() ? "" : " (its discrete sites " + enumerated + " are summed out, not sampled)"));
        }
        return new ModelPotential(model, sites, nesting, enumerated, embedded);
    }

    /** The discrete latent sites embedded on the real line ({@link #embedding} only; else empty). */
    public List<String> embeddedSites() {
        return embedded;
    }

    /**
     * The sampled sites on whose values the potential jumps, found by the tracer: the potential is traced
     * once with one input per site, and a site counts when the log joint depends on it through a step (a
     * comparison, {@code floor}, a cast to integers: {@link dev.pyrite.tensor.Graph#jumpsIn}). An
     * {@code if} on a continuous latent, written {@code Tensor.where(x.gt(0), a, b)}, makes {@code x} one;
     * the embedded discrete sites are. NUTS on a model with such sites integrates a discontinuous density
     * (poorly); DHMC treats them exactly.
     */
    public List<String> jumpSites() {
        List<String> out = jumpSites;
        if (out == null) {
            dev.pyrite.tensor.Graph g = new dev.pyrite.tensor.Graph();
            Tensor[] u = new Tensor[sites.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = g.placeholder("site" + i, dev.pyrite.tensor.Backend.floatType(), chainShape(1, sites.get(i), true),
                        false);
            }
            Tensor energy = energyOfSites(u, 1);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < u.length; i++) {
                if (g.jumpsIn(energy, u[i])) {
                    found.add(sites.get(i).name());
                }
            }
            out = List.copyOf(found);
            jumpSites = out;
        }
        return out;
    }

    /**
     * The coordinates on which the potential is discontinuous, in increasing order: those of the
     * embedded discrete sites and of the {@link #jumpSites()}. DHMC gives them Laplace momentum and
     * coordinate-wise updates.
     */
    public int[] discontinuousCoordinates() {
        return coordinatesOf(jumpSites());
    }

    /** The coordinates of these sites (and of every embedded site), in increasing order. */
    public int[] coordinatesOf(java.util.Collection<String> siteNames) {
        for (String name : siteNames) {
            if (sites.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("no sampled site '" + name + "'; the sites are " + sites);
            }
        }
        return sites.stream().filter(s -> embedded.contains(s.name()) || siteNames.contains(s.name()))
                .flatMapToInt(s -> java.util.stream.IntStream.range(s.offset(), s.offset() + s.size()))
                .toArray();
    }

    /**
     * A subsampled plate has no place in a potential: NUTS and HMC need the exact log joint, and the
     * samplers' compiled programs would replay the one subsample drawn while tracing (a frozen, wrong
     * posterior); a fresh subsample at every evaluation would break detailed balance instead.
     */
    private static void rejectSubsampling(Trace trace) {
        for (Message m : trace.sites()) {
            if (m.distribution instanceof Subsample s && !s.isFull()) {
                throw new IllegalArgumentException("plate '" + m.name + "' subsamples " + s.subsampleSize() + " of its "
                        + s.size() + " indices: MCMC needs the model's exact log joint, and a compiled potential would"
                        + " keep one subsample for the whole run; declare the plate without a subsample size"
                        + " (plate(\"" + m.name + "\", " + s.size() + ")) for NUTS/HMC, or fit the subsampled model"
                        + " with SVI");
            }
        }
    }

    /** The model this potential evaluates. */
    public Runnable model() {
        return model;
    }

    /** The discrete latent sites (found by the first run) that are marginalised by enumeration. */
    public List<String> enumeratedSites() {
        return enumerated;
    }

    public List<LatentSite> sites() {
        return sites;
    }

    /** The number of plate dimensions the model uses (the chains plate sits to their left). */
    public int plateNesting() {
        return nesting;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Tensor energy(Tensor q) {
        long chains = q.size(0);
        Tensor[] u = new Tensor[sites.size()];
        for (int i = 0; i < u.length; i++) {
            LatentSite s = sites.get(i);
            u[i] = q.slice(1, s.offset(), s.offset() + s.size()).reshape(chainShape(chains, s, true));
        }
        return energyOfSites(u, chains);
    }

    /** The potential from each site's unconstrained value {@code u[i]}, already in its chain shape. */
    private Tensor energyOfSites(Tensor[] u, long chains) {
        Map<String, Tensor> values = new HashMap<>();
        Tensor logDet = null;
        for (int i = 0; i < u.length; i++) {
            LatentSite s = sites.get(i);
            Tensor x = s.transform().forward(u[i]);
            values.put(s.name(), x);
            Tensor j = s.transform().logAbsDetJacobian(u[i], x);
            while (j.rank() > nesting + 1) {
                j = j.sum(false, -1);   // event dimensions of an element-wise transform
            }
            j = perChain(j, chains);
            logDet = logDet == null ? j : logDet.add(j);
        }
        if (!enumerated.isEmpty()) {
            return marginalLogJoint(values, chains).add(logDet).neg();
        }
        Trace trace;
        try (Plate p = Pyrite.plateAt(CHAINS, chains, -(nesting + 1));
             var sub = Handlers.substitute(values).enter()) {
            trace = Handlers.trace().getTrace(model);
        }
        Tensor logJoint = null;
        for (Message m : trace.sites()) {
            if (!m.hasLogProb() || m.isSubsample()) {
                continue;
            }
            Tensor lp = perChain(m.scaledLogProb(), chains);
            logJoint = logJoint == null ? lp : logJoint.add(lp);
        }
        return logJoint.add(logDet).neg();
    }

    /**
     * The log joint per chain with the discrete sites summed out: the model runs under parallel
     * enumeration with the chains plate left of its plates and the enumeration dimensions left of that,
     * and the chains plate is a batch name of the contraction, so it is neither summed nor eliminated.
     */
    private Tensor marginalLogJoint(Map<String, Tensor> values, long chains) {
        Factor logJoint;
        try (Plate p = Pyrite.plateAt(CHAINS, chains, -(nesting + 1));
             var sub = Handlers.substitute(values).enter()) {
            logJoint = PlatedSumProduct.contract(TraceEnum.enumerate(model, nesting + 1, List.of(CHAINS)).graph(),
                    LogSumExpSemiring.INSTANCE);
        }
        Tensor t = logJoint.data().reshape(-1);
        return t.size(0) == chains ? t : t.broadcastTo(chains);
    }

    /** The constrained values of every site for positions {@code q [N, D]}: each {@code [N, ...site shape]}. */
    public Map<String, Tensor> constrain(Tensor q) {
        long n = q.size(0);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LatentSite s : sites) {
            Tensor u = q.slice(1, s.offset(), s.offset() + s.size()).reshape(chainShape(n, s, true));
            out.put(s.name(), s.transform().forward(u).reshape(Shapes.concat(new long[]{n}, s.shape())));
        }
        return out;
    }

    /**
     * The positions {@code [N, D]} (unconstrained, this potential's layout) of constrained values of
     * every latent site, each {@code [N, ...site shape]}: the inverse of {@link #constrain}. Give it a
     * guide's draws ({@code Predictive.fromGuide(...).sample(...)}) to start MCMC chains there.
     */
    public org.nd4j.linalg.api.ndarray.INDArray positions(Map<String, Tensor> values) {
        Tensor[] columns = new Tensor[sites.size()];
        long n = -1;
        for (int i = 0; i < sites.size(); i++) {
            LatentSite s = sites.get(i);
            Tensor value = values.get(s.name());
            if (value == null) {
                throw new IllegalArgumentException("positions: no value for latent site '" + s.name() + "' (given: "
                        + values.keySet() + ")");
            }
            long[] expected = Shapes.concat(new long[]{value.rank() == 0 ? -1 : value.size(0)}, s.shape());
            if (value.rank() == 0 || !Arrays.equals(value.shape(), expected) || (n >= 0 && value.size(0) != n)) {
                throw new IllegalArgumentException("positions: site '" + s.name() + "' must have shape [N] + "
                        + Shapes.format(s.shape()) + (n >= 0 ? " with N = " + n : "") + ", got "
                        + Shapes.format(value.shape()));
            }
            n = value.size(0);
            Tensor u = s.transform().inverse(value.reshape(chainShape(n, s, false)));
            columns[i] = u.reshape(n, s.size());
        }
        return Tensor.concat(1, columns).array();
    }

    /**
     * Starting points {@code [chains, D]} by a prior strategy, drawn with {@code stream}: all chains in
     * one vectorised run of the model inside the chains plate. {@link InitStrategy#UNIFORM} is the
     * samplers' own default and returns null here.
     */
    public org.nd4j.linalg.api.ndarray.INDArray initialPositions(InitStrategy strategy, int chains, RandomStream stream) {
        if (strategy == InitStrategy.UNIFORM) {
            return null;
        }
        Trace trace;
        try (var seed = Handlers.seed(stream).enter();
             var median = Handlers.substitute(m -> strategy == InitStrategy.PRIOR_MEDIAN && !m.observed
                     && m.type == dev.pyrite.handlers.MessageType.SAMPLE && !m.isSubsample()
                     ? priorMedian(m.distribution, stream) : null).enter();
             Plate p = Pyrite.plateAt(CHAINS, chains, -(nesting + 1))) {
            trace = Handlers.trace().getTrace(model);
        }
        Tensor[] columns = new Tensor[sites.size()];
        for (int i = 0; i < sites.size(); i++) {
            LatentSite s = sites.get(i);
            Tensor value = trace.value(s.name()).broadcastTo(chainShape(chains, s, false));
            columns[i] = s.transform().inverse(value).reshape(chains, s.size());
        }
        return Tensor.concat(1, columns).array();
    }

    /** The element-wise median of 201 prior draws. */
    private static Tensor priorMedian(Distribution d, RandomStream stream) {
        int n = 201;
        org.nd4j.linalg.api.ndarray.INDArray draws = d.sample(stream, n).array();
        org.nd4j.linalg.api.ndarray.INDArray sorted = org.nd4j.linalg.factory.Nd4j.sort(draws.dup(), 0, true);
        return Tensor.of(sorted.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n / 2)).dup());
    }

    /** [C] + the site's batch dimensions left-padded to the plate nesting + event (or unconstrained) dims. */
    private long[] chainShape(long chains, LatentSite s, boolean unconstrained) {
        long[] shape = unconstrained ? s.unconstrainedShape() : s.shape();
        int batchRank = shape.length - s.eventDims();
        long[] out = new long[1 + nesting + s.eventDims()];
        Arrays.fill(out, 1);
        out[0] = chains;
        for (int i = 0; i < batchRank; i++) {
            out[1 + nesting - batchRank + i] = shape[i];
        }
        for (int i = 0; i < s.eventDims(); i++) {
            out[1 + nesting + i] = shape[batchRank + i];
        }
        return out;
    }

    /** Sums a term over every dimension but the chains' (or over all, when it does not vary by chain). */
    private Tensor perChain(Tensor term, long chains) {
        int chainAxis = term.rank() - (nesting + 1);
        if (chainAxis < 0) {
            return term.sum().broadcastTo(chains);
        }
        Tensor t = term;
        for (int i = 0; i < chainAxis; i++) {
            t = t.sum(false, 0);
        }
        while (t.rank() > 1) {
            t = t.sum(false, -1);
        }
        return t.size(0) == chains ? t : t.broadcastTo(chains);
    }

    @Override
    public String describe() {
        return "latent sites " + sites;
    }
}
