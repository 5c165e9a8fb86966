package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.MessageType;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.ParamTransforms;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Subsample;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.state.ArraySections;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic variational inference: each {@link #step} estimates the ELBO and its gradient in the
 * parameters of the guide (and model) and moves them with the optimiser. The loss (minus the ELBO) and
 * its gradient are traced once per argument signature into a {@link CompiledFunction} whose inputs are
 * the parameters (unconstrained), the guide's noise, the values of non-reparameterised guide sites, the
 * score-function baseline, the indices of every subsampled plate and the step's arguments; every step
 * replays it with fresh noise and a fresh subsample drawn from the SVI's {@link RandomStream}. The
 * particles are one plate ({@code _particles}, left of every plate of the model and guide), never a loop.
 *
 * <pre>{@code
 * AutoNormal guide = AutoNormal.of(model);
 * SVI svi = new SVI(model, guide, Adam.of(0.02), TraceELBO.of(8)).seed(1);
 * for (int i = 0; i < 1000; i++) {
 *     double loss = svi.step(x, y);
 * }
 * Map<String, Tensor> median = guide.median();
 * }</pre>
 *
 * <p>Each SVI owns its parameters: they live in its {@link #store()} (a fresh one unless given, or the
 * store an already prepared autoguide keeps its parameters in), which every step enters as the
 * {@link ParamStore#current() current} store, so fits in different threads keep apart and
 * {@code Pyrite.param} inside the model and guide sees it. {@link #saveParams}/{@link #loadParams} keep
 * only the parameters (the optimiser's moments and the random stream restart); to pause and continue a
 * fit exactly, run it as an {@link SviRun} ({@link #start}) and checkpoint that. A step whose loss or gradient is not finite throws
 * {@link NonFiniteLossException} naming the first site whose log density is not finite, and leaves the
 * store at the last good values.
 *
 * <p>Subsampling inside the model and guide, as in Pyro: {@code plate(name, N, B)} draws B of the N
 * indices afresh at every step (the guide's subsample is replayed into the model) and scales the log
 * densities inside it by N / B, so each step's loss is an unbiased estimate of the full-data loss. The
 * plate's indices are a tensor there, so pick rows with {@code plate.subsample(data)}; iterating over a
 * subsampled plate is an error inside the compiled program. Minibatches fed as arguments work too
 * (see {@link Minibatches}).
 */
public final class SVI implements Checkpointable {
    private static final double BASELINE_DECAY = 0.9;
    private final SviModel model;
    private final SviModel guide;
    private final Optimiser optimiser;
    private final Elbo elbo;
    private final ParamStore store;
    private final List<SviListener> listeners = new ArrayList<>();
    private final Map<String, Setup> setups = new HashMap<>();
    private RandomStream stream = RandomStream.of(0);
    private DataType dtype = DataType.DOUBLE;
    private long steps;
    private double runningLoss = Double.NaN;
    private double baseline;
    private boolean baselineSet;

    /** What the first run with an argument signature found, and its compiled program. */
    private static final class Setup {
        final List<String> params = new ArrayList<>();
        final Map<String, NoiseFeed.Route> noise = new LinkedHashMap<>();
        final Map<String, NoiseFeed.Route> score = new LinkedHashMap<>();
        final Map<String, Subsample> subsamples = new LinkedHashMap<>();
        Particles particles;
        CompiledFunction program;
    }

    /** SVI with its own parameter store: a fresh one, or the one a prepared autoguide already uses. */
    public SVI(SviModel model, SviModel guide, Optimiser optimiser, Elbo elbo) {
        this(model, guide, optimiser, elbo, guide instanceof AutoGuide auto && auto.preparedStore() != null
                ? auto.preparedStore() : new ParamStore());
    }

    /** SVI whose parameters live in {@code store} (e.g. {@link ParamStore#global()}, to share them). */
    public SVI(SviModel model, SviModel guide, Optimiser optimiser, Elbo elbo, ParamStore store) {
        if (model == null || guide == null || optimiser == null || elbo == null || store == null) {
            throw new IllegalArgumentException("SVI needs a model, a guide, an optimiser, an ELBO and a parameter store"
                    + " (got a null)");
        }
        if (guide instanceof AutoGuide auto && auto.preparedStore() != null && auto.preparedStore() != store) {
            throw new IllegalArgumentException("SVI: the guide was prepared with another parameter store and keeps its"
                    + " parameters there; pass that store (guide.store()) or use a new guide");
        }
        this.model = model;
        this.guide = guide;
        this.optimiser = optimiser;
        this.elbo = elbo;
        this.store = store;
    }

    /** SVI for a model and guide that take no arguments. */
    public static SVI of(Runnable model, Runnable guide, Optimiser optimiser, Elbo elbo) {
        return new SVI(SviModel.of(model), SviModel.of(guide), optimiser, elbo);
    }

    /** Draws the noise from {@code RandomStream.of(seed)}. */
    public SVI seed(long seed) {
        this.stream = RandomStream.of(seed);
        return this;
    }

    /** Draws the noise from {@code stream} (which advances). */
    public SVI stream(RandomStream stream) {
        this.stream = stream;
        return this;
    }

    /** The noise type (float64 by default). */
    public SVI dtype(DataType dtype) {
        this.dtype = dtype;
        return this;
    }

    public SVI addListener(SviListener listener) {
        listeners.add(listener);
        return this;
    }

    public long stepCount() {
        return steps;
    }

    /** Exponential moving average of the loss (NaN before the first step). */
    public double runningLoss() {
        return runningLoss;
    }

    public Optimiser optimiser() {
        return optimiser;
    }

    /** The store that holds this SVI's parameters. */
    public ParamStore store() {
        return store;
    }

    /** One optimisation step; returns its loss (minus the ELBO estimate before the update). */
    public double step(Tensor... args) {
        try (ContextScope<ParamStore> scope = ParamStore.scope(store)) {
            return stepInStore(args);
        }
    }

    private double stepInStore(Tensor... args) {
        Setup s = setup(args);
        INDArray[] in = inputs(s, args);
        if (!s.score.isEmpty() && !baselineSet) {
            double first = s.program.call(in)[1].getDouble(0);
            if (Double.isFinite(first)) {
                baseline = -first;
                baselineSet = true;
                in[baselineIndex(s)] = Nd4j.scalar(dtype, baseline);
            }
        }
        INDArray[] out = s.program.call(in);
        double loss = out[1].getDouble(0);
        boolean finite = Double.isFinite(loss);
        for (int i = 0; i < s.params.size() && finite; i++) {
            finite = isFinite(out[2 + i]);
        }
        if (!finite) {
            throw failure(s, in, loss);
        }
        Map<String, INDArray> values = new LinkedHashMap<>();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (int i = 0; i < s.params.size(); i++) {
            String name = s.params.get(i);
            values.put(name, in[i].dup());
            grads.put(name, out[2 + i].dup());
        }
        optimiser.apply(values, grads);
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            store.setUnconstrained(e.getKey(), Tensor.of(e.getValue()));
        }
        if (!s.score.isEmpty()) {
            baseline = BASELINE_DECAY * baseline + (1 - BASELINE_DECAY) * -loss;
        }
        steps++;
        runningLoss = Double.isNaN(runningLoss) ? loss : 0.9 * runningLoss + 0.1 * loss;
        for (SviListener l : listeners) {
            l.onStep(steps, loss, runningLoss);
        }
        return loss;
    }

    /** Runs {@code n} steps with the same arguments; returns the last loss. */
    public double run(int n, Tensor... args) {
        return start(n, args).run().lastLoss();
    }

    /**
     * A fit of {@code n} steps with these arguments as a step program, not yet stepped: step it from a
     * main loop, weave it with other runs, checkpoint and resume it ({@link SviRun}).
     */
    public SviRun start(int n, Tensor... args) {
        return start("svi", n, args);
    }

    /**
     * As {@link #start(int, Tensor...)}, with the program named {@code name} ({@code REPEAT name xN} of
     * {@code CALL name-step}): names keep several fits apart when they are woven into one program.
     */
    public SviRun start(String name, int n, Tensor... args) {
        return new SviRun(this, name, n, args);
    }

    /**
     * Writes every parameter of the store (name, constraint, unconstrained value), the optimiser's state,
     * the random stream, the step count, the running loss and the score-function baseline.
     */
    @Override
    public void writeState(StateWriter out) {
        Set<String> names = store.names();
        out.integer("parameters", names.size());
        for (String name : names) {
            out.string("name", name);
            out.string("constraint", store.constraint(name).name());
            ArraySections.write(out, store.unconstrained(name).array());
        }
        out.part("optimiser", optimiser);
        out.stream("stream", stream);
        out.longValue("steps", steps);
        out.doubleValue("runningLoss", runningLoss);
        out.doubleValue("baseline", baseline);
        out.bool("baselineSet", baselineSet);
    }

    /** Reads what {@link #writeState} wrote into an SVI built with the same model, guide and settings. */
    @Override
    public void readState(StateReader in) {
        int n = in.integer("parameters");
        for (int i = 0; i < n; i++) {
            String name = in.string("name");
            Constraint c = ParamTransforms.constraintNamed(in.string("constraint"));
            store.setUnconstrained(name, Tensor.of(ArraySections.read(in)), c);
        }
        in.part("optimiser", optimiser);
        stream = in.stream("stream");
        steps = in.longValue("steps");
        runningLoss = in.doubleValue("runningLoss");
        baseline = in.doubleValue("baseline");
        baselineSet = in.bool("baselineSet");
    }

    /** The model, guide and settings as a short description, written into checkpoint metadata. */
    String describe() {
        return "optimiser " + optimiser.getClass().getSimpleName() + ", ELBO " + elbo.getClass().getSimpleName()
                + " with " + elbo.numParticles() + " particles, dtype " + dtype;
    }

    /** The loss (minus the ELBO estimate) at the current parameters, without an update. */
    public double evaluateLoss(Tensor... args) {
        try (ContextScope<ParamStore> scope = ParamStore.scope(store)) {
            Setup s = setup(args);
            return s.program.call(inputs(s, args))[1].getDouble(0);
        }
    }

    /** Saves the parameter store (unconstrained values) to resume later. */
    public void saveParams(Path file) throws IOException {
        store.save(file);
    }

    /**
     * Loads saved parameters into the store and restarts the optimiser's state (the random stream goes on
     * from where it stands); {@link SviRun#resume} continues a checkpointed fit exactly instead.
     */
    public void loadParams(Path file) throws IOException {
        store.load(file);
        optimiser.reset();
    }

    private static boolean isFinite(INDArray a) {
        for (double v : a.dup().data().asDouble()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private Setup setup(Tensor[] args) {
        StringBuilder key = new StringBuilder();
        for (Tensor a : args) {
            if (a.isTraced()) {
                throw new IllegalArgumentException("SVI arguments must be concrete tensors");
            }
            key.append(a.dtype()).append(Arrays.toString(a.shape())).append(';');
        }
        Setup s = setups.get(key.toString());
        if (s == null) {
            s = discover(args);
            setups.put(key.toString(), s);
        }
        return s;
    }

    private Setup discover(Tensor[] args) {
        if (guide instanceof AutoGuide auto) {
            auto.prepare(args);
        }
        Setup s = new Setup();
        Trace g;
        Trace m;
        RandomStream rs = RandomStream.of(0);
        SubsampleFeed plates = new SubsampleFeed(Map.of(), rs);
        try (NoiseFeed nf = new NoiseFeed(Map.of(), rs, dtype).enter(); var sf = plates.enter();
             var seed = Handlers.seed(rs).enter()) {
            g = Handlers.trace().getTrace(() -> guide.run(args));
        }
        try (var sf = plates.enter(); var seed = Handlers.seed(rs).enter()) {
            m = Handlers.trace().getTrace(Handlers.replay(g).wrap(() -> model.run(args)));
        }
        s.subsamples.putAll(plates.plates);
        int nesting = 0;
        for (Trace t : new Trace[]{g, m}) {
            for (Message msg : t.sites()) {
                for (PlateFrame f : msg.frames) {
                    nesting = Math.max(nesting, -f.dim());
                }
            }
        }
        for (Message msg : m.latentSites()) {
            boolean summedOut = elbo.enumerates() && msg.distribution.hasEnumerateSupport();
            if (!g.contains(msg.name) && !summedOut) {
                throw new IllegalArgumentException("model site '" + msg.name + "' is latent but the guide has no site of"
                        + " that name (guide sites: " + g.names() + ")"
                        + (msg.distribution.hasEnumerateSupport() ? "; TraceEnumELBO would sum it out" : ""));
            }
        }
        Set<String> params = new LinkedHashSet<>();
        for (Trace t : new Trace[]{g, m}) {
            for (Message msg : t.sites(x -> x.type == MessageType.PARAM)) {
                params.add(msg.name);
            }
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException("neither the model nor the guide has a parameter to optimise");
        }
        s.params.addAll(params);
        s.particles = new Particles(elbo.numParticles(), nesting);
        NoiseFeed nf = new NoiseFeed(Map.of(), rs, dtype);
        try (var feed = nf.enter(); Plate p = Pyrite.plateAt(Particles.PLATE, s.particles.n(), s.particles.dim());
             var seed = Handlers.seed(rs).enter()) {
            guide.run(args);
        }
        for (Map.Entry<String, NoiseFeed.Route> e : nf.routes.entrySet()) {
            switch (e.getValue().kind()) {
                case NORMAL, UNIFORM -> s.noise.put(e.getKey(), e.getValue());
                case SCORE -> s.score.put(e.getKey(), e.getValue());
                default -> { }
            }
        }
        int[] wrt = new int[s.params.size()];
        for (int i = 0; i < wrt.length; i++) {
            wrt[i] = i;
        }
        final Setup setup = s;
        s.program = CompiledFunction.withGradients(in -> objective(setup, in), wrt);
        return s;
    }

    private static int baselineIndex(Setup s) {
        return s.params.size() + s.noise.size() + s.score.size();
    }

    private INDArray[] inputs(Setup s, Tensor[] args) {
        List<INDArray> in = new ArrayList<>();
        for (String p : s.params) {
            in.add(store.unconstrained(p).array());
        }
        Map<String, Tensor> indices = new LinkedHashMap<>();
        for (Map.Entry<String, Subsample> e : s.subsamples.entrySet()) {
            indices.put(e.getKey(), SubsampleFeed.draw(e.getValue(), stream));
        }
        Map<String, Tensor> noise = new LinkedHashMap<>();
        for (Map.Entry<String, NoiseFeed.Route> e : s.noise.entrySet()) {
            Tensor eps = NoiseFeed.draw(e.getValue(), stream, dtype);
            noise.put(e.getKey(), eps);
            in.add(eps.array());
        }
        if (!s.score.isEmpty()) {
            // draw the non-reparameterised sites from the current guide, with the same noise elsewhere
            NoiseFeed nf = new NoiseFeed(noise, stream.split(), dtype);
            try (var feed = nf.enter(); var sf = new SubsampleFeed(indices, null).enter();
                 Plate p = Pyrite.plateAt(Particles.PLATE, s.particles.n(), s.particles.dim());
                 var seed = Handlers.seed(stream.split()).enter()) {
                guide.run(args);
            }
            for (Map.Entry<String, NoiseFeed.Route> e : s.score.entrySet()) {
                Tensor v = nf.drawn.get(e.getKey());
                if (v == null || !Arrays.equals(v.shape(), e.getValue().shape())) {
                    throw new IllegalStateException("guide site '" + e.getKey() + "' changed between runs with the same"
                            + " argument shapes");
                }
                in.add(v.castTo(dtype).array());
            }
        }
        in.add(Nd4j.scalar(dtype, baseline));
        for (Tensor idx : indices.values()) {
            in.add(idx.array());
        }
        for (Tensor a : args) {
            in.add(a.array());
        }
        return in.toArray(new INDArray[0]);
    }

    /** [surrogate loss, loss]: the compiled program differentiates the first. */
    private Tensor[] objective(Setup s, Tensor[] in) {
        int i = 0;
        Map<String, Tensor> params = new HashMap<>();
        for (String p : s.params) {
            params.put(p, ParamTransforms.of(store.constraint(p)).forward(in[i++]));
        }
        Map<String, Tensor> feed = new HashMap<>();
        for (String n : s.noise.keySet()) {
            feed.put(n, in[i++]);
        }
        for (String n : s.score.keySet()) {
            feed.put(n, in[i++]);
        }
        Tensor base = in[i++];
        Map<String, Tensor> indices = new HashMap<>();
        for (String n : s.subsamples.keySet()) {
            indices.put(n, in[i++]);
        }
        Tensor[] args = Arrays.copyOfRange(in, i, in.length);
        Trace[] tr = traces(s, params, feed, indices, args);
        Elbo.Terms t = elbo.terms(tr[1], tr[0], s.score.keySet(), s.particles);
        double n = s.particles.n();
        Tensor loss = t.elbo().sum().div(n).neg();
        Tensor surrogate = loss;
        if (t.scoreLogQ() != null) {
            Tensor weight = t.elbo().sub(base).detach();
            surrogate = loss.sub(t.scoreLogQ().mul(weight).sum().div(n));
        }
        return new Tensor[]{surrogate, loss};
    }

    /**
     * The guide trace and the model trace replayed against it, both in the particles plate, with the
     * subsampled plates taking {@code indices}.
     */
    private Trace[] traces(Setup s, Map<String, Tensor> params, Map<String, Tensor> feed, Map<String, Tensor> indices,
                           Tensor[] args) {
        RandomStream fixed = RandomStream.of(0);
        Trace g;
        Trace m;
        try (NoiseFeed nf = new NoiseFeed(feed, fixed, dtype).enter();
             var sf = new SubsampleFeed(indices, null).enter();
             var sub = Handlers.substitute(msg -> msg.type == MessageType.PARAM ? params.get(msg.name) : null).enter();
             Plate p = Pyrite.plateAt(Particles.PLATE, s.particles.n(), s.particles.dim());
             var seed = Handlers.seed(fixed).enter()) {
            g = Handlers.trace().getTrace(() -> guide.run(args));
        }
        try (var sf = new SubsampleFeed(indices, null).enter();
             var sub = Handlers.substitute(msg -> msg.type == MessageType.PARAM ? params.get(msg.name) : null).enter();
             Plate p = Pyrite.plateAt(Particles.PLATE, s.particles.n(), s.particles.dim());
             var seed = Handlers.seed(fixed).enter()) {
            Runnable replayed = Handlers.replay(g).wrap(() -> model.run(args));
            if (elbo.enumerates()) {
                // Discrete sites the guide does not sample get their own dimensions left of the particles.
                try (var en = Handlers.enumerate(s.particles.dim() - 1).enter();
                     var cfg = dev.pyrite.inference.enumeration.ConfigEnumerate.parallel().enter()) {
                    m = Handlers.trace().getTrace(replayed);
                }
            } else {
                m = Handlers.trace().getTrace(replayed);
            }
        }
        return new Trace[]{g, m};
    }

    /** Re-runs the failed step eagerly to find the first site whose log density is not finite. */
    private NonFiniteLossException failure(Setup s, INDArray[] in, double loss) {
        String bad = null;
        String where = null;
        try {
            int i = 0;
            Map<String, Tensor> params = new HashMap<>();
            for (String p : s.params) {
                params.put(p, ParamTransforms.of(store.constraint(p)).forward(Tensor.of(in[i++])));
            }
            Map<String, Tensor> feed = new HashMap<>();
            for (String n : s.noise.keySet()) {
                feed.put(n, Tensor.of(in[i++]));
            }
            for (String n : s.score.keySet()) {
                feed.put(n, Tensor.of(in[i++]));
            }
            i++;
            Map<String, Tensor> indices = new HashMap<>();
            for (String n : s.subsamples.keySet()) {
                indices.put(n, Tensor.of(in[i++]));
            }
            Tensor[] args = new Tensor[in.length - i];
            for (int k = 0; k < args.length; k++) {
                args[k] = Tensor.of(in[i + k]);
            }
            Trace[] tr = traces(s, params, feed, indices, args);
            String[] owners = {"guide", "model"};
            for (int k = 0; k < 2 && bad == null; k++) {
                for (Message msg : tr[k].sites()) {
                    if (Elbo.counts(msg) && !isFinite((k == 0 ? Elbo.guideLogProb(msg) : msg.scaledLogProb()).array())) {
                        bad = msg.name;
                        where = owners[k];
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            where = "diagnosis failed: " + e.getMessage();
        }
        String what = Double.isFinite(loss) ? "a gradient is not finite (loss " + loss + ")" : "the loss is " + loss;
        String site = bad == null ? "every site's log density is finite"
                + (where == null ? "" : " (" + where + ")") : "first site with a non-finite log density: '" + bad
                + "' (" + where + ")";
        return new NonFiniteLossException("SVI step " + (steps + 1) + ": " + what + "; " + site
                + "; the parameters keep their last good values", bad);
    }
}
