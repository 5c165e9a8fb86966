package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.app.foppl.Span;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.SviModel;
import dev.pyrite.inference.svi.SviListener;
import dev.pyrite.inference.svi.TraceELBO;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run of a FOPPL model file with any {@link Algorithm}, the same run {@code pyrite run} does (the
 * command line only parses options into one of these), from Java:
 *
 * <pre>{@code
 * FopplProgram program = FopplProgram.load(Path.of("examples/eight_schools.clj"));
 * RunResult result = ModelRun.of(program).chains(4).warmup(500).samples(1000).seed(0).run();
 * System.out.print(result.summary().toText());
 * result.writeTo(Path.of("runs/eight_schools"));   // CmdStan CSVs, summary.csv, run.json, plots
 * }</pre>
 */
public final class ModelRun {
    /** The inference algorithms; {@link ModelRun#run()} dispatches on them, in one place. */
    public enum Algorithm {
        /** The No-U-Turn sampler (default). */
        NUTS,
        /** Hamiltonian Monte Carlo with a fixed trajectory length. */
        HMC,
        /** Stochastic variational inference with an automatic mean-field guide, then draws from the guide. */
        SVI,
        /** Exact inference by parallel enumeration, for models whose latent sites are all finite and discrete. */
        ENUM;

        /** {@code nuts}, {@code hmc}, {@code svi} or {@code enum}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code nuts}, {@code hmc}, {@code svi} or {@code enum}. */
        public static Algorithm parse(String s) {
            for (Algorithm a : values()) {
                if (a.id().equals(s.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("--algo must be nuts, hmc, svi or enum, got '" + s + "'");
        }
    }

    /** The program's value is reported when it has at most this many numbers. */
    static final int MAX_VALUE_COMPONENTS = 1000;

    private final FopplProgram program;
    private Algorithm algorithm = Algorithm.NUTS;
    private int chains = 4;
    private int warmup = 500;
    private int samples = 1000;
    private long seed;
    private DataType dtype = DataType.DOUBLE;
    private double targetAccept = 0.8;
    private int maxTreeDepth = 10;
    private double trajectoryLength = Math.PI / 2;
    private int steps = 2000;
    private double learningRate = 0.05;
    private int particles = 4;
    private McmcListener listener = McmcListener.NONE;
    private SviListener sviListener = (step, loss, running) -> { };

    private ModelRun(FopplProgram program) {
        this.program = program;
    }

    /** A run of {@code program} with the defaults: NUTS, 4 chains, 500 warm-up iterations, 1000 draws, seed 0. */
    public static ModelRun of(FopplProgram program) {
        return new ModelRun(program);
    }

    public ModelRun algorithm(Algorithm a) {
        this.algorithm = a;
        return this;
    }

    public ModelRun chains(int n) {
        this.chains = positive(n, "chains");
        return this;
    }

    public ModelRun warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + n);
        }
        this.warmup = n;
        return this;
    }

    /** Draws kept per chain after warm-up (at least 4, for the diagnostics). */
    public ModelRun samples(int n) {
        if (n < 4) {
            throw new IllegalArgumentException("samples must be >= 4 (R-hat and ESS need them), got " + n);
        }
        this.samples = n;
        return this;
    }

    public ModelRun seed(long s) {
        this.seed = s;
        return this;
    }

    /** {@code DOUBLE} (default) or {@code FLOAT}. */
    public ModelRun dtype(DataType dt) {
        if (dt != DataType.DOUBLE && dt != DataType.FLOAT) {
            throw new IllegalArgumentException("dtype must be float64 or float32, got " + dt);
        }
        this.dtype = dt;
        return this;
    }

    /** The acceptance rate step-size adaptation aims at (default 0.8). */
    public ModelRun targetAccept(double a) {
        if (!(a > 0 && a < 1)) {
            throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + a);
        }
        this.targetAccept = a;
        return this;
    }

    /** NUTS: the deepest tree (default 10). */
    public ModelRun maxTreeDepth(int d) {
        this.maxTreeDepth = positive(d, "max tree depth");
        return this;
    }

    /**
     * HMC: the length of every trajectory (default pi/2). With the adapted mass matrix a near-Gaussian
     * posterior is near-standard, whose trajectories have period 2 pi: a quarter period turns every
     * trajectory into a nearly independent draw, while lengths near a multiple of pi barely move.
     */
    public ModelRun trajectoryLength(double length) {
        if (!(length > 0)) {
            throw new IllegalArgumentException("trajectory length must be > 0, got " + length);
        }
        this.trajectoryLength = length;
        return this;
    }

    /** SVI: optimisation steps (default 2000). */
    public ModelRun steps(int n) {
        this.steps = positive(n, "steps");
        return this;
    }

    /** SVI: Adam's learning rate (default 0.05). */
    public ModelRun learningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    /** SVI: particles of the ELBO estimate per step (default 4). */
    public ModelRun particles(int n) {
        this.particles = positive(n, "particles");
        return this;
    }

    /** Observes the iterations (e.g. a progress bar). */
    public ModelRun listener(McmcListener l) {
        this.listener = l;
        return this;
    }

    /** Observes the SVI steps (e.g. a progress bar). */
    public ModelRun sviListener(SviListener l) {
        this.sviListener = l;
        return this;
    }

    private static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + n);
        }
        return n;
    }

    /** Settings as a record, for outputs. */
    public RunSettings settings() {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth,
                trajectoryLength, steps, learningRate, particles);
    }

    /**
     * Runs the chosen algorithm. NUTS and HMC prepare the model (its sites, the potential over its latent
     * sites), sample, map the draws to the constrained space, evaluate the program's value at every draw
     * and summarise everything; SVI fits a guide and summarises draws from it; ENUM computes the exact
     * posterior of an all-discrete model (no draws; chains, samples and seed do not apply).
     */
    public RunResult run() {
        // the run's float type holds on this thread only, so runs in other threads keep theirs
        try (ContextScope<DataType> floatType = Backend.floatTypeScope(dtype)) {
            return runWith();
        }
    }

    private RunResult runWith() {
        return switch (algorithm) {
            case NUTS, HMC -> runMcmc();
            case SVI -> runSvi();
            case ENUM -> new RunResult(program.name(), settings(), ExactInference.run(program));
        };
    }

    private RunResult runMcmc() {
        long t0 = System.nanoTime();
        FopplModel model = program.model();
        model.checkGradientInference(algorithm.name());
        ModelPotential potential = potential(model);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;

        MCMC mcmc = algorithm == Algorithm.NUTS ? MCMC.nuts(potential).maxTreeDepth(maxTreeDepth)
                : MCMC.hmc(potential, trajectoryLength);
        McmcSamples draws = mcmc.chains(chains).warmup(warmup).samples(samples).seed(seed).dtype(dtype)
                .targetAccept(targetAccept).listener(listener).run();
        long t1 = System.nanoTime();
        Posterior posterior = Posterior.of(potential, draws);
        Map<String, double[][]> quantities = new LinkedHashMap<>(posterior.draws());
        Map<String, String> groups = new LinkedHashMap<>();
        for (LatentSite s : potential.sites()) {
            for (String component : quantities.keySet()) {
                if (component.equals(s.name()) || component.startsWith(s.name() + "[")) {
                    groups.putIfAbsent(component, s.name());
                }
            }
        }
        List<String> omitted = new java.util.ArrayList<>();
        Map<String, double[]> values = programValues(model, potential, posterior, draws.chains(), draws.drawCount(),
                omitted);
        if (values.size() > MAX_VALUE_COMPONENTS) {
            omitted.add("return (" + values.size() + " numbers; at most " + MAX_VALUE_COMPONENTS + " are reported)");
            values = Map.of();
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (quantities.containsKey(e.getKey())) {
                continue;
            }
            quantities.put(e.getKey(), byChain(e.getValue(), draws.chains(), draws.drawCount()));
            groups.put(e.getKey(), FopplModel.RETURN);
        }
        String returnNote = omitted.isEmpty() ? null : "not reported: " + String.join(", ", omitted)
                + " (parts of the program's value that depend on enumerated discrete sites, or are not numbers)";
        double postSeconds = (System.nanoTime() - t1) / 1e9;
        return new RunResult(program.name(), settings(), posterior, draws, null, quantities, groups, prepareSeconds,
                postSeconds, returnNote);
    }

    /**
     * SVI with an {@link AutoNormal} guide (mean field on the unconstrained space) optimised by Adam, then
     * {@code chains x samples} independent draws from the guide, summarised as the draws of a run. The
     * guide's parameters live in the SVI's own parameter store, so a fit starts afresh and leaves the global
     * store (and runs in other threads) alone.
     */
    private RunResult runSvi() {
        long t0 = System.nanoTime();
        FopplModel model = program.model();
        model.checkGradientInference("SVI");
        if (model.hasDiscreteLatentSites()) {
            Span span = model.siteSpan(model.latentSites().stream()
                    .filter(n -> model.siteSpan(n) != null).findFirst().orElseThrow());
            throw new FopplException(span, "SVI with an automatic guide needs continuous latent sites; this model has"
                    + " discrete ones (use --algo nuts, which sums them out)");
        }
        SviModel sviModel = SviModel.of(model);
        AutoNormal guide = AutoNormal.of(sviModel);
        SVI svi = new SVI(sviModel, guide, Adam.of(learningRate), TraceELBO.of(particles)).seed(seed).dtype(dtype);
        double[] losses = new double[steps];
        svi.addListener((step, loss, running) -> {
            losses[(int) step - 1] = loss;
            sviListener.onStep(step, loss, running);
        });
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        svi.run(steps);
        double fitSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        int n = chains * samples;
        Map<String, Tensor> latent = guide.sample(n, RandomStream.of(seed).split(2).get(1));
        Map<String, double[][]> quantities = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : latent.entrySet()) {
            Tensor v = e.getValue();
            long[] shape = java.util.Arrays.copyOfRange(v.shape(), 1, v.rank());
            int size = (int) dev.pyrite.tensor.Shapes.size(shape);
            double[] flat = v.reshape(n, size).toDoubleArray();
            for (int k = 0; k < size; k++) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = flat[i * size + k];
                }
                String q = componentName(e.getKey(), shape, k);
                quantities.put(q, byChain(d, chains, samples));
                groups.put(q, e.getKey());
            }
        }
        List<String> omitted = new java.util.ArrayList<>();
        Map<String, double[]> values = model.programValues(latent, n, omitted);
        if (values.size() > MAX_VALUE_COMPONENTS) {
            omitted.add("return (" + values.size() + " numbers; at most " + MAX_VALUE_COMPONENTS + " are reported)");
            values = Map.of();
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (!quantities.containsKey(e.getKey())) {
                quantities.put(e.getKey(), byChain(e.getValue(), chains, samples));
                groups.put(e.getKey(), FopplModel.RETURN);
            }
        }
        String note = omitted.isEmpty() ? null : "not reported: " + String.join(", ", omitted);
        SviFit fit = new SviFit("AutoNormal", steps, learningRate, particles, losses, fitSeconds);
        return new RunResult(program.name(), settings(), null, null, fit, quantities, groups, prepareSeconds,
                (System.nanoTime() - t2) / 1e9, note);
    }

    /** {@code mu} for a scalar, {@code theta[3]} or {@code L[2,1]} (1-based, row-major), as Posterior names them. */
    static String componentName(String name, long[] shape, int flat) {
        if (shape.length == 0) {
            return name;
        }
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = rest % shape[i];
            rest /= shape[i];
        }
        StringBuilder b = new StringBuilder(name).append('[');
        for (int i = 0; i < idx.length; i++) {
            b.append(i > 0 ? "," : "").append(idx[i] + 1);
        }
        return b.append(']').toString();
    }

    /** The potential of the model's latent sites; a discrete site NUTS cannot handle yet points at its form. */
    private static ModelPotential potential(FopplModel model) {
        try {
            return ModelPotential.of(model);
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            if (model.hasDiscreteLatentSites()) {
                for (String name : model.latentSites()) {
                    Span span = model.siteSpan(name);
                    if (span != null && e.getMessage() != null && e.getMessage().contains("'" + name + "'")) {
                        throw new FopplException(span, "discrete latent site '" + name + "' is marked for parallel"
                                + " enumeration, which this build's gradient-based samplers cannot do yet: "
                                + e.getMessage(), e);
                    }
                }
            }
            throw e;
        }
    }

    private static Map<String, double[]> programValues(FopplModel model, ModelPotential potential, Posterior posterior,
                                                       int chains, int drawCount, List<String> omitted) {
        long n = (long) chains * drawCount;
        Map<String, Tensor> latent = new LinkedHashMap<>();
        for (LatentSite s : potential.sites()) {
            INDArray a = posterior.site(s.name());
            long[] shape = new long[1 + s.shape().length];
            shape[0] = n;
            System.arraycopy(s.shape(), 0, shape, 1, s.shape().length);
            latent.put(s.name(), Tensor.of(a.reshape(shape).castTo(Backend.floatType())));
        }
        return model.programValues(latent, n, omitted);
    }

    private static double[][] byChain(double[] flat, int chains, int draws) {
        double[][] out = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            System.arraycopy(flat, c * draws, out[c], 0, draws);
        }
        return out;
    }

    /** The settings of a run. */
    public record RunSettings(Algorithm algorithm, int chains, int warmup, int samples, long seed, DataType dtype,
                              double targetAccept, int maxTreeDepth, double trajectoryLength, int steps,
                              double learningRate, int particles) {
        /** {@code float64} or {@code float32}. */
        public String dtypeName() {
            return dtype == DataType.FLOAT ? "float32" : "float64";
        }

        /** The run in words, e.g. {@code NUTS, 4 chains x (500 warm-up + 1000 draws), seed 0, float64}. */
        public String description() {
            return switch (algorithm) {
                case NUTS, HMC -> String.format(Locale.ROOT, "%s, %d chains x (%d warm-up + %d draws), seed %d, %s",
                        algorithm.id().toUpperCase(Locale.ROOT), chains, warmup, samples, seed, dtypeName());
                case SVI -> String.format(Locale.ROOT, "SVI, AutoNormal guide, Adam %s, %d steps x %d particles, then"
                        + " %d x %d draws from the guide, seed %d, %s", learningRate, steps, particles, chains, samples,
                        seed, dtypeName());
                case ENUM -> "exact inference by parallel enumeration, " + dtypeName();
            };
        }
    }
}
