package dev.pyrite.inference.enumeration;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.tensor.Backend;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Values of a model's discrete latent sites given its continuous ones (Pyro's {@code infer_discrete}):
 * the model runs once under parallel enumeration with the continuous latent sites fixed, the plated
 * sum-product runs in the max semiring (temperature 0: the jointly most probable assignment, i.e. the
 * Viterbi path of a chain) or the sampling semiring (temperature 1: an exact draw from the joint
 * posterior, forward-filter backward-sample), and the backward pass reads off every site's value.
 *
 * <pre>{@code
 * Map<String, Tensor> z = InferDiscrete.infer(model, Map.of("mu", mu, "sigma", sigma), 0);   // MAP
 * Map<String, Tensor> draw = InferDiscrete.infer(model, values, 1, RandomStream.of(7));      // a sample
 * }</pre>
 *
 * <p>Each value has its site's batch shape (its plates, right-aligned as in the model), e.g. {@code [N]}
 * for a site in one plate of size N.
 *
 * <p>After MCMC, {@link #sample(ModelPotential, Posterior, RandomStream)} draws every enumerated site
 * once per posterior draw of the continuous sites, all draws at once: the draws are one more plate
 * ({@value #DRAWS}) left of the model's plates and a batch name of the contraction, so a block of
 * draws is one forward pass and one backward pass, never a loop per draw. Paired with the draws they
 * were conditioned on, the results are draws from the joint posterior of all sites (the discrete
 * sites' posterior marginals are their frequencies):
 * <pre>{@code
 * Posterior post = Posterior.of(u, MCMC.nuts(u).chains(4).run());
 * post = post.withDiscreteSites(InferDiscrete.sample(u, post, RandomStream.of(seed)));  // adds z[1], z[2], ...
 * }</pre>
 */
public final class InferDiscrete {
    /** Name of the plate that holds the posterior draws while they are conditioned on. */
    public static final String DRAWS = "_draws";
    /**
     * Elements of the enumerated trace's factors per block of draws: bounds memory (the contraction's
     * intermediates are of the same order) while keeping blocks large enough to amortise the model run.
     */
    static final long ELEMENTS_PER_BLOCK = 1L << 22;

    private InferDiscrete() {
    }

    /**
     * One draw of every enumerated discrete site per posterior draw of the continuous sites of
     * {@code potential}'s model (temperature 1): per site {@code [chains, draws, ...site batch shape]},
     * in the site's value type. Empty when the model has no enumerated sites.
     */
    public static Map<String, INDArray> sample(ModelPotential potential, Posterior posterior, RandomStream stream) {
        if (potential.enumeratedSites().isEmpty()) {
            return Map.of();
        }
        Map<String, INDArray> continuous = new LinkedHashMap<>();
        for (LatentSite s : potential.sites()) {
            continuous.put(s.name(), posterior.site(s.name()));
        }
        return sample(potential.model(), continuous, stream);
    }

    /**
     * One draw of every enumerated discrete site of {@code model} per draw of its continuous latent
     * sites (temperature 1). {@code continuousDraws} holds every continuous latent site as
     * {@code [chains, draws, ...site shape]}; the result holds every enumerated site as
     * {@code [chains, draws, ...site batch shape]}. Draws are processed in blocks as large as
     * {@link #ELEMENTS_PER_BLOCK} allows, each block vectorised.
     */
    public static Map<String, INDArray> sample(Runnable model, Map<String, INDArray> continuousDraws,
                                               RandomStream stream) {
        return sample(model, continuousDraws, stream, ELEMENTS_PER_BLOCK);
    }

    /** {@link #sample(Runnable, Map, RandomStream)} with blocks of about {@code elementsPerBlock} factor elements. */
    static Map<String, INDArray> sample(Runnable model, Map<String, INDArray> continuousDraws, RandomStream stream,
                                        long elementsPerBlock) {
        if (continuousDraws.isEmpty()) {
            throw new IllegalArgumentException("InferDiscrete.sample: no continuous draws given");
        }
        Trace plain;
        try (var seed = Handlers.seed(RandomStream.of(0)).enter()) {
            plain = Handlers.trace().getTrace(model);
        }
        int nesting = 0;
        for (Message m : plain.sites()) {
            for (PlateFrame f : m.frames) {
                nesting = Math.max(nesting, -f.dim());
            }
        }
        Map<String, long[]> discreteShapes = new LinkedHashMap<>();
        Map<String, Message> continuousSites = new LinkedHashMap<>();
        for (Message m : plain.latentSites()) {
            if (m.distribution.isDiscrete() && m.distribution.hasEnumerateSupport()) {
                discreteShapes.put(m.name, m.tensorValue().shape());
            } else if (!continuousDraws.containsKey(m.name)) {
                throw new IllegalArgumentException("InferDiscrete.sample: no draws of the continuous latent site '"
                        + m.name + "' (given: " + continuousDraws.keySet() + ")");
            } else {
                continuousSites.put(m.name, m);
            }
        }
        long chains = -1;
        long draws = -1;
        Map<String, INDArray> flat = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : continuousDraws.entrySet()) {
            String name = e.getKey();
            Message site = continuousSites.get(name);
            if (site == null) {
                throw new IllegalArgumentException("InferDiscrete.sample: '" + name + "' is not a continuous latent"
                        + " site of the model (those are " + continuousSites.keySet() + ")");
            }
            INDArray a = e.getValue();
            long[] siteShape = site.tensorValue().shape();
            boolean fits = a.rank() == 2 + siteShape.length
                    && Arrays.equals(Arrays.copyOfRange(a.shape(), 2, a.rank()), siteShape)
                    && (chains < 0 || (a.size(0) == chains && a.size(1) == draws));
            if (!fits) {
                throw new IllegalArgumentException("InferDiscrete.sample: draws of '" + name + "' have shape "
                        + Shapes.format(a.shape()) + ", expected [chains, draws] + " + Shapes.format(siteShape)
                        + (chains >= 0 ? " with chains = " + chains + " and draws = " + draws : ""));
            }
            chains = a.size(0);
            draws = a.size(1);
            int eventDims = site.distribution.eventShape().length;
            flat.put(name, a.reshape('c', drawLayout(chains * draws, siteShape, eventDims, nesting)));
        }
        long n = chains * draws;
        Map<String, List<INDArray>> blocks = new LinkedHashMap<>();
        long block = 1;
        for (long start = 0, stop; start < n; start = stop) {
            stop = Math.min(n, start + block);
            Block b = sampleBlock(model, slice(flat, start, stop), stop - start, nesting, stream);
            for (Map.Entry<String, Tensor> e : b.values().entrySet()) {
                long[] shape = Shapes.concat(new long[]{stop - start}, discreteShapes.get(e.getKey()));
                blocks.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().array().reshape('c', shape));
            }
            if (start == 0) {
                // The first block is one draw: its factors' size sets the block size for the rest.
                block = Math.max(1, elementsPerBlock / Math.max(1, b.elementsPerDraw()));
            }
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<INDArray>> e : blocks.entrySet()) {
            INDArray all = e.getValue().size() == 1 ? e.getValue().get(0)
                    : Nd4j.concat(0, e.getValue().toArray(new INDArray[0]));
            out.put(e.getKey(), all.reshape('c', Shapes.concat(new long[]{chains, draws}, discreteShapes.get(e.getKey()))));
        }
        return out;
    }

    /** The discrete values of one block of draws, and the enumerated factors' elements per draw. */
    private record Block(Map<String, Tensor> values, long elementsPerDraw) {
    }

    /** One forward-filter backward-sample pass over {@code size} draws held in the {@value #DRAWS} plate. */
    private static Block sampleBlock(Runnable model, Map<String, Tensor> values, long size, int nesting,
                                     RandomStream stream) {
        TraceFactorGraph g;
        try (Plate p = Pyrite.plateAt(DRAWS, size, -(nesting + 1));
             var sub = Handlers.substitute(values).enter()) {
            g = TraceEnum.enumerate(model, nesting + 1, List.of(DRAWS));
        }
        long elements = 0;
        for (Factor f : g.graph().factors()) {
            elements += f.data().numel();
        }
        return new Block(decode(g, SampleSemiring.of(stream)), elements / size);
    }

    /** Rows {@code [start, stop)} of every array, as tensors of the float type. */
    private static Map<String, Tensor> slice(Map<String, INDArray> flat, long start, long stop) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : flat.entrySet()) {
            INDArray rows = e.getValue().get(NDArrayIndex.interval(start, stop));
            out.put(e.getKey(), Tensor.of(rows.castTo(Backend.floatType()).dup()));
        }
        return out;
    }

    /** {@code [n]}, then the site's batch dims left-padded with ones to the plate nesting, then its event dims. */
    private static long[] drawLayout(long n, long[] siteShape, int eventDims, int nesting) {
        int batchRank = siteShape.length - eventDims;
        if (batchRank > nesting) {
            throw new IllegalStateException("a site of shape " + Shapes.format(siteShape) + " with " + eventDims
                    + " event dims has more batch dims than the model's " + nesting + " plates");
        }
        long[] out = new long[1 + nesting + eventDims];
        Arrays.fill(out, 1);
        out[0] = n;
        System.arraycopy(siteShape, 0, out, 1 + nesting - batchRank, siteShape.length);
        return out;
    }

    /** MAP (temperature 0) or one posterior draw (temperature 1, from a stream of seed 0) of every discrete site. */
    public static Map<String, Tensor> infer(Runnable model, Map<String, Tensor> continuousValues, double temperature) {
        return infer(model, continuousValues, temperature, RandomStream.of(0));
    }

    /** MAP (temperature 0) or one posterior draw (temperature 1, from {@code stream}) of every discrete site. */
    public static Map<String, Tensor> infer(Runnable model, Map<String, Tensor> continuousValues, double temperature,
                                           RandomStream stream) {
        Runnable fixed = Handlers.substitute(continuousValues).wrap(model);
        return infer(fixed, temperature, stream, TraceEnum.plateNesting(fixed));
    }

    /**
     * MAP or posterior draw of every discrete latent site of {@code model}, whose continuous latent sites
     * already have values (e.g. it is wrapped in {@code Handlers.substitute}) and whose plates use the
     * rightmost {@code plateNesting} dimensions.
     */
    public static Map<String, Tensor> infer(Runnable model, double temperature, RandomStream stream, int plateNesting) {
        Semiring ring;
        if (temperature == 0) {
            ring = MaxSemiring.INSTANCE;
        } else if (temperature == 1) {
            ring = SampleSemiring.of(stream);
        } else {
            throw new IllegalArgumentException("InferDiscrete: temperature must be 0 (MAP) or 1 (posterior draw), got "
                    + temperature);
        }
        return decode(TraceEnum.enumerate(model, plateNesting, List.of()), ring);
    }

    /** The backward pass of {@code g}'s contraction in {@code ring}: every enumerated site's chosen value. */
    private static Map<String, Tensor> decode(TraceFactorGraph g, Semiring ring) {
        Map<String, Factor> chosen = PlatedSumProduct.contractWithBacktrace(g.graph(), ring).backtrace().values(ring);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Message> e : g.enumerated().entrySet()) {
            Message site = e.getValue();
            if (TraceFactorGraph.isPreviousState(site)) {
                continue;
            }
            Factor index = chosen.get(e.getKey());
            Tensor laid = index.alignTo(TraceFactorGraph.layout(site)).broadcastTo(TraceFactorGraph.layoutShape(site));
            out.put(e.getKey(), g.supportValues(e.getKey(), laid));
        }
        return out;
    }
}
