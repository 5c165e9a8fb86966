package dev.pyrite.app.foppl;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.enumeration.VectorizedMarkov;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns {@code sample} and {@code observe} into Pyrite sample sites. A site's batch shape is made of the
 * enclosing vectorised loops, then the broadcast shape of the distribution's arguments (and of the
 * observed value and of the {@code if} condition it sits under); each batch dimension gets a plate, so a
 * site is one vectorised sample statement however many numbers it holds. Latent discrete sites with a
 * finite support ask for parallel enumeration ({@code enumerate=parallel}).
 *
 * <p>Values that depend on latent sites carry hidden dimensions on the left (the chains of an MCMC run,
 * enumerated values). Pyrite puts those to the left of every plate dimension the model uses
 * ({@link Evaluation#nesting}), so the arguments get unit dimensions between the hidden ones and the
 * site's own, and the values coming back lose them again.
 */
final class Sites {
    private static final Map<String, Object> ENUMERATE = Map.of(EnumHandler.ENUMERATE, EnumHandler.PARALLEL);

    private Sites() {
    }

    /** {@code (sample d)}: a latent site named {@code hint} (or automatically); returns its value. */
    static Object sample(Evaluation ev, DistributionValue d, String hint, Span span) {
        return site(ev, d, null, hint, span);
    }

    /** {@code (observe d v)}: an observed site; returns {@code v}. */
    static Object observe(Evaluation ev, DistributionValue d, Object value, Span span) {
        TensorValue obs = Values.numeric(value, "the observed value");
        site(ev, d, obs, null, span);
        return value;
    }

    private static Object site(Evaluation ev, DistributionValue d, TensorValue obs, String hint, Span span) {
        DistributionFamily f = d.family();
        int n = d.args().size();
        TensorValue[] params = new TensorValue[n];
        List<long[]> batchShapes = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String arg = f.fopplName() + " argument " + (i + 1);
            params[i] = Values.numeric(d.args().get(i), arg);
            int core = f.coreRank(i);
            if (params[i].rank() < core) {
                throw new IllegalArgumentException(arg + " must be a " + (core == 1 ? "vector" : "matrix") + ", got "
                        + Values.describe(params[i]));
            }
            long[] s = params[i].shape();
            batchShapes.add(Arrays.copyOf(s, s.length - core));
            what.add(arg + " " + Shapes.format(s));
        }
        int eventRank = f.eventRank();
        if (obs != null) {
            if (obs.rank() < eventRank) {
                throw new IllegalArgumentException("the observed value must be a vector (one " + f.fopplName()
                        + " value), got " + Values.describe(obs));
            }
            long[] s = obs.shape();
            batchShapes.add(Arrays.copyOf(s, s.length - eventRank));
            what.add("observed value " + Shapes.format(s));
        }
        TensorValue predicate = obs != null ? ev.predicate() : null;
        if (predicate != null) {
            batchShapes.add(predicate.shape());
            what.add("if condition " + Shapes.format(predicate.shape()));
        }
        long[] batch;
        try {
            batch = Shapes.broadcast(batchShapes.toArray(new long[0][]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shapes do not broadcast: " + String.join(", ", what), e);
        }
        int loops = ev.loopDepth();
        int r = loops + batch.length;
        Tensor[] physical = new Tensor[n];
        for (int i = 0; i < n; i++) {
            physical[i] = layout(ev, params[i].padTo(loops, batch.length + f.coreRank(i)), r);
        }
        Distribution dist = f.build(physical);
        Tensor obsTensor = obs == null ? null : layout(ev, obs.padTo(loops, batch.length + eventRank), r);
        if (obsTensor != null) {
            checkSupport(f, dist, obsTensor, "the observed value");
        }
        if (predicate != null) {
            dist = dist.mask(layout(ev, predicate.truth().padTo(loops, batch.length), r));
        }
        String name = ev.siteName(hint, span, obs == null ? "sample" : "observe");
        boolean enumerable = dist.isDiscrete() && dist.hasEnumerateSupport();
        Map<String, Object> infer = obs == null && enumerable ? ENUMERATE : null;
        long[] sizes = Shapes.concat(ev.loopSizes(), batch);
        Tensor value = sampleInPlates(ev, name, dist, obsTensor, infer, sizes);
        if (obs == null) {
            checkSupport(f, dist, value, "the value of site '" + name + "'");
        }
        ev.recordSite(name, new Evaluation.SiteInfo(span, r, obs != null, f, dist.isDiscrete(), enumerable));
        if (obs != null) {
            return obs;
        }
        TensorValue v = fromSite(ev, value, loops, batch.length + dist.eventShape().length, r);
        switch (f.kind()) {
            case BOOLEAN:
                return v.map(v.numeric().tensor().gt(Tensor.scalar(0.5)));
            case INTEGER:
                return v.numeric();
            default:
                return v;
        }
    }

    /**
     * The chain site of a {@code loop} evaluated as a vectorised Markov chain ({@link LoopNode}): one
     * site over the loop's steps, the innermost vectorised loop, whose step 0 is drawn from
     * {@code initial} and step t from {@code transition} of the state at step t - 1
     * ({@link VectorizedMarkov}: under enumeration a parallel scan along the steps). Returns the states
     * as a value of the loop body.
     */
    static Object markovChain(Evaluation ev, DistributionValue initial,
                              Function<TensorValue, DistributionValue> transition, String hint, Span span) {
        DistributionFamily f = initial.family();
        if (f.eventRank() != 0) {
            throw new IllegalArgumentException("a loop's state must be a number to form a Markov chain; "
                    + f.fopplName() + " draws vectors");
        }
        long[] batch = batchShape(initial);
        int loops = ev.loopDepth();
        int r = loops + batch.length;
        Distribution first = physical(ev, initial, batch, r);
        if (!first.isDiscrete() || !first.hasEnumerateSupport()) {
            throw new IllegalArgumentException("a loop's state forms a Markov chain only with a finite discrete"
                    + " support; " + f.fopplName() + " has none");
        }
        long[] loopSizes = ev.loopSizes();
        boolean[] markovLoops = ev.markovLoops();
        // A chain scored as a whole path evaluates its transition when its density is asked for, which
        // may be after the loop has been left: the closure re-enters the loops it was made in.
        Function<Tensor, Distribution> step = previous -> ev.inLoops(loopSizes, markovLoops, () -> {
            TensorValue prev = fromSite(ev, previous, loops, batch.length, r);
            DistributionValue d = transition.apply(f.kind() == DistributionFamily.Kind.BOOLEAN
                    ? prev.map(prev.numeric().tensor().gt(Tensor.scalar(0.5))) : prev.numeric());
            long[] b = batchShape(d);
            if (!Arrays.equals(Shapes.broadcast(b, batch), batch)) {
                throw new IllegalArgumentException("the distribution of a loop's state has shape " + Shapes.format(b)
                        + " given the previous state, but " + Shapes.format(batch) + " at the first step");
            }
            return physical(ev, d, batch, r);
        });
        String name = ev.siteName(hint, span, "sample");
        long[] sizes = Shapes.concat(ev.loopSizes(), batch);
        List<Plate> entered = new ArrayList<>(r);
        Tensor value;
        try {
            for (int j = 0; j < r; j++) {
                entered.add(Pyrite.plateAt(plateName(ev, j, r, sizes[j]), sizes[j], -(r - j)));
            }
            value = VectorizedMarkov.chain(name, entered.get(loops - 1), first, step);
        } finally {
            for (int j = entered.size() - 1; j >= 0; j--) {
                entered.get(j).close();
            }
        }
        ev.recordSite(name, new Evaluation.SiteInfo(span, r, false, f, true, true));
        TensorValue v = fromSite(ev, value, loops, batch.length, r);
        return f.kind() == DistributionFamily.Kind.BOOLEAN ? v.map(v.numeric().tensor().gt(Tensor.scalar(0.5)))
                : v.numeric();
    }

    /** The broadcast batch shape of a distribution's arguments (what the program sees). */
    private static long[] batchShape(DistributionValue d) {
        DistributionFamily f = d.family();
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < d.args().size(); i++) {
            long[] s = Values.numeric(d.args().get(i), f.fopplName() + " argument " + (i + 1)).shape();
            shapes.add(Arrays.copyOf(s, Math.max(0, s.length - f.coreRank(i))));
        }
        return Shapes.broadcast(shapes.toArray(new long[0][]));
    }

    /** The distribution with its arguments laid out for a site of {@code r} batch dimensions. */
    private static Distribution physical(Evaluation ev, DistributionValue d, long[] batch, int r) {
        DistributionFamily f = d.family();
        Tensor[] physical = new Tensor[d.args().size()];
        for (int i = 0; i < physical.length; i++) {
            TensorValue p = Values.numeric(d.args().get(i), f.fopplName() + " argument " + (i + 1));
            physical[i] = layout(ev, p.padTo(ev.loopDepth(), batch.length + f.coreRank(i)), r);
        }
        return f.build(physical);
    }

    /**
     * Fails when a concrete value of a site lies outside the distribution's support: observed data, or a draw
     * that overflowed or underflowed (a lognormal with a huge scale draws 0 or infinity). The log density,
     * where the distribution would notice, is computed later and away from the form (by a trace or a sampler).
     */
    private static void checkSupport(DistributionFamily f, Distribution dist, Tensor value, String what) {
        if (value.isTraced()) {
            return;
        }
        Tensor ok = dist.support().check(value);
        if (ok.isTraced()) {
            return;   // bounds that depend on latent values, checked by the distribution itself
        }
        double[] flags = ok.castTo(DataType.DOUBLE).toDoubleArray();
        for (int k = 0; k < flags.length; k++) {
            if (flags[k] < 0.5) {
                double[] values = value.castTo(DataType.DOUBLE).toDoubleArray();
                String got = dist.support().eventDim() == 0 && values.length == flags.length
                        ? "got " + values[k] : "item " + (k + 1) + " is not";
                throw new IllegalArgumentException(what + " must lie in the support of " + f.fopplName() + " ("
                        + dist.support().name() + "); " + got);
            }
        }
    }

    /** Enters one plate per batch dimension (dims -r..-1), samples, and leaves them. */
    private static Tensor sampleInPlates(Evaluation ev, String name, Distribution dist, Tensor obs,
                                         Map<String, Object> infer, long[] sizes) {
        int r = sizes.length;
        List<Plate> entered = new ArrayList<>(r);
        try {
            for (int j = 0; j < r; j++) {
                int dim = -(r - j);
                entered.add(Pyrite.plateAt(plateName(ev, j, r, sizes[j]), sizes[j], dim));
            }
            return Pyrite.sample(name, dist, obs, infer);
        } finally {
            for (int j = entered.size() - 1; j >= 0; j--) {
                entered.get(j).close();
            }
        }
    }

    /**
     * The plate of dimension {@code j} of a site with {@code r} batch dimensions, of size {@code size}. A plate
     * is named by its position from the right, so that a dimension keeps its plate when a vectorised foreach's
     * value leaves the loop (its loop dimension becomes an array dimension at the same place). The steps of a
     * Markov loop are an inserted dimension ({@code _markov}), not counted, so that values from outside the
     * loop (the chain's initial state) keep their plates inside it.
     */
    private static String plateName(Evaluation ev, int j, int r, long size) {
        int loops = ev.loopDepth();
        if (j < loops && ev.isMarkovLoop(j)) {
            return "_markov" + (j + 1) + "_" + size;
        }
        int fromRight = r - j;
        for (int m = j + 1; m < loops; m++) {
            if (ev.isMarkovLoop(m)) {
                fromRight--;
            }
        }
        return "_plate" + fromRight + "_" + size;
    }

    /**
     * A value padded to the site's loop and logical dims, with unit dimensions between its hidden prefix and
     * the site's {@code r} batch dimensions, so the prefix sits left of every plate of the model.
     */
    private static Tensor layout(Evaluation ev, TensorValue v, int r) {
        Tensor t = v.tensor();
        int prefix = v.prefixRank();
        int pad = ev.nesting - r;
        if (prefix == 0 || pad <= 0) {
            return t;
        }
        long[] s = t.shape();
        long[] out = new long[s.length + pad];
        System.arraycopy(s, 0, out, 0, prefix);
        Arrays.fill(out, prefix, prefix + pad, 1L);
        System.arraycopy(s, prefix, out, prefix + pad, s.length - prefix);
        return t.reshape(out);
    }

    /** A site's value without the unit dimensions between its hidden prefix and its batch dimensions. */
    private static TensorValue fromSite(Evaluation ev, Tensor value, int loops, int logical, int r) {
        int tail = loops + logical;
        long[] s = value.shape();
        if (s.length < tail) {
            long[] padded = new long[tail];
            Arrays.fill(padded, 1L);
            System.arraycopy(s, 0, padded, tail - s.length, s.length);
            return new TensorValue(value.reshape(padded), loops, logical, true);
        }
        int extra = s.length - tail;
        int pads = Math.min(extra, Math.max(0, ev.nesting - r));
        if (pads == 0) {
            return new TensorValue(value, loops, logical, true);
        }
        int prefix = extra - pads;
        for (int i = prefix; i < prefix + pads; i++) {
            if (s[i] != 1) {
                throw new IllegalStateException("site value of shape " + Shapes.format(s) + " has size " + s[i]
                        + " in dimension " + i + ", where the plates of the model need size 1");
            }
        }
        long[] out = new long[s.length - pads];
        System.arraycopy(s, 0, out, 0, prefix);
        System.arraycopy(s, prefix + pads, out, prefix, tail);
        return new TensorValue(value.reshape(out), loops, logical, true);
    }
}
