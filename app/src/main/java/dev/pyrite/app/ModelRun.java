package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.app.foppl.Span;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.ComponentName;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.diagnostics.Summary;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.SviListener;
import dev.pyrite.inference.svi.SviModel;
import dev.pyrite.inference.svi.TraceELBO;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run of a model with any {@link Algorithm}, the same run {@code pyrite run} does (the command line only
 * parses its options into a {@link RunSettings}): a FOPPL model file, or a Java model (plain Java calling
 * {@code sample}, {@code param}, {@code plate}) with the same outputs.
 *
 * <pre>{@code
 * RunResult result = ModelRun.of(FopplProgram.load(Path.of("examples/eight_schools.clj")))
 *         .chains(4).warmup(500).samples(1000).seed(0).run();
 * System.out.print(result.summaryText());
 * RunWriter.to(Path.of("runs/eight_schools")).write(result);   // CmdStan CSVs, summary.csv, run.json, plots
 *
 * RunResult java = ModelRun.of("eight_schools", EightSchoolsModel.load())
 *         .settings(RunSettings.defaults().withSeed(1)).run();
 * }</pre>
 */
public final class ModelRun {
    /** The program's value is reported when it has at most this many numbers. */
    static final int MAX_VALUE_COMPONENTS = 1000;

    private final ModelInfo info;
    private final Supplier<? extends Runnable> models;
    private RunSettings settings = RunSettings.defaults();
    private McmcListener listener = McmcListener.NONE;
    private SviListener sviListener = (step, loss, running) -> { };

    private ModelRun(ModelInfo info, Supplier<? extends Runnable> models) {
        this.info = info;
        this.models = models;
    }

    /** A run of a model file with {@link RunSettings#defaults()}; every run gets a fresh model instance. */
    public static ModelRun of(FopplProgram program) {
        return new ModelRun(new ModelInfo(program.name(), "FOPPL model " + program.name() + ".clj"), program::model);
    }

    /** A run of a Java model with {@link RunSettings#defaults()}; its outputs are named {@code model_1.csv}... */
    public static ModelRun of(Runnable model) {
        return of("model", model);
    }

    /** A run of a Java model whose outputs are named {@code name_1.csv}, {@code name_2.csv}... */
    public static ModelRun of(String name, Runnable model) {
        Objects.requireNonNull(model, "model");
        return new ModelRun(new ModelInfo(name, "Java model " + name), () -> model);
    }

    /** The model, as the outputs name it. */
    public ModelInfo model() {
        return info;
    }

    /** The settings of the run. */
    public RunSettings settings() {
        return settings;
    }

    /** Replaces every setting. */
    public ModelRun settings(RunSettings s) {
        this.settings = Objects.requireNonNull(s, "settings");
        return this;
    }

    /** Shorthand for {@code settings(settings().withAlgorithm(a))}; so are the setters below. */
    public ModelRun algorithm(Algorithm a) {
        return settings(settings.withAlgorithm(a));
    }

    public ModelRun chains(int n) {
        return settings(settings.withChains(n));
    }

    public ModelRun warmup(int n) {
        return settings(settings.withWarmup(n));
    }

    public ModelRun samples(int n) {
        return settings(settings.withSamples(n));
    }

    public ModelRun seed(long s) {
        return settings(settings.withSeed(s));
    }

    public ModelRun dtype(DataType dt) {
        return settings(settings.withDtype(dt));
    }

    public ModelRun targetAccept(double a) {
        return settings(settings.withTargetAccept(a));
    }

    public ModelRun maxTreeDepth(int d) {
        return settings(settings.withMaxTreeDepth(d));
    }

    public ModelRun trajectoryLength(double length) {
        return settings(settings.withTrajectoryLength(length));
    }

    public ModelRun steps(int n) {
        return settings(settings.withSteps(n));
    }

    public ModelRun learningRate(double lr) {
        return settings(settings.withLearningRate(lr));
    }

    public ModelRun particles(int n) {
        return settings(settings.withParticles(n));
    }

    /** Observes the iterations (e.g. a progress bar). */
    public ModelRun listener(McmcListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /** Observes the SVI steps (e.g. a progress bar). */
    public ModelRun sviListener(SviListener l) {
        this.sviListener = Objects.requireNonNull(l, "sviListener");
        return this;
    }

    /** Iterations a progress bar counts: warm-up plus draws (MCMC), or optimisation steps (SVI). */
    public int progressTotal() {
        return settings.algorithm() == Algorithm.SVI ? settings.steps() : settings.warmup() + settings.samples();
    }

    /**
     * The phases of the run as an indented outline, without running it ({@code pyrite run --print-program}).
     * A plain text outline for now; the run's step program takes its place once runs are step programs.
     */
    public String describeProgram() {
        RunSettings s = settings;
        List<String> lines = new ArrayList<>();
        lines.add(info.origin() + ": " + s.description());
        switch (s.algorithm()) {
            case NUTS, HMC -> {
                String kernel = s.algorithm() == Algorithm.NUTS
                        ? String.format(Locale.ROOT, "NUTS transition (trees up to depth %d)", s.maxTreeDepth())
                        : String.format(Locale.ROOT, "HMC transition (trajectory length %s)", s.trajectoryLength());
                lines.add("  prepare: trace the model, find its latent sites, compile the potential and its gradient");
                lines.add(String.format(Locale.ROOT, "  warm-up: repeat %d x %s, adapting the step size (dual"
                        + " averaging, target acceptance %s) and a %s mass matrix in Stan's windows",
                        s.warmup(), kernel, s.targetAccept(), s.denseMass() ? "dense" : "diagonal"));
                lines.add(String.format(Locale.ROOT, "  sampling: repeat %d x %s, keeping every draw", s.samples(),
                        kernel));
                lines.add("  postprocess: constrain the draws, evaluate the program's value, summarise");
            }
            case SVI -> {
                lines.add("  prepare: trace the model, build an AutoNormal guide");
                lines.add(String.format(Locale.ROOT, "  fit: repeat %d x Adam step (learning rate %s) on a %d-particle"
                        + " ELBO", s.steps(), s.learningRate(), s.particles()));
                lines.add(String.format(Locale.ROOT, "  draw: %d x %d draws from the guide, evaluate the program's"
                        + " value, summarise", s.chains(), s.samples()));
            }
            case ENUM -> {
                lines.add("  enumerate: every latent site's values in parallel, plated sum-product of the factors");
                lines.add("  summarise: exact marginals, means, sds and quantiles");
            }
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /**
     * Runs the chosen algorithm. NUTS and HMC prepare the model (its sites, the potential over its latent
     * sites), sample, map the draws to the constrained space, evaluate a model file's value at every draw
     * and summarise everything; SVI fits a guide and summarises draws from it; ENUM computes the exact
     * posterior of an all-discrete model file (no draws; chains, samples and seed do not apply).
     */
    public RunResult run() {
        // the run's float type holds on this thread only, so runs in other threads keep theirs
        try (ContextScope<DataType> floatType = Backend.floatTypeScope(settings.dtype())) {
            Runnable model = models.get();
            FopplModel foppl = model instanceof FopplModel f ? f : null;
            return switch (settings.algorithm()) {
                case NUTS, HMC -> runMcmc(model, foppl);
                case SVI -> runSvi(model, foppl);
                case ENUM -> {
                    if (foppl == null) {
                        throw new IllegalArgumentException("--algo enum runs model files only (for a Java model,"
                                + " use DiscreteMarginals or --algo nuts, which sums finite discrete sites out)");
                    }
                    yield ExactInference.run(foppl, info, settings);
                }
            };
        }
    }

    private McmcOutcome runMcmc(Runnable model, FopplModel foppl) {
        RunSettings s = settings;
        long t0 = System.nanoTime();
        if (foppl != null) {
            foppl.checkGradientInference(s.algorithm().name());
        }
        ModelPotential potential = potential(model, foppl);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;

        MCMC mcmc = s.algorithm() == Algorithm.NUTS ? MCMC.nuts(potential).maxTreeDepth(s.maxTreeDepth())
                : MCMC.hmc(potential, s.trajectoryLength());
        McmcSamples draws = mcmc.chains(s.chains()).warmup(s.warmup()).samples(s.samples()).seed(s.seed())
                .dtype(s.dtype()).targetAccept(s.targetAccept()).denseMass(s.denseMass()).executor(s.executor())
                .listener(listener).run();
        long t1 = System.nanoTime();
        Posterior posterior = Posterior.of(potential, draws);
        Map<String, double[][]> quantities = new LinkedHashMap<>(posterior.draws());
        Map<String, String> groups = new LinkedHashMap<>();
        for (LatentSite site : potential.sites()) {
            for (int k = 0; k < site.valueSize(); k++) {
                groups.put(ComponentName.of(site.name(), site.shape(), k), site.name());
            }
        }
        String note = null;
        if (foppl != null) {
            List<String> omitted = new ArrayList<>();
            Map<String, double[]> values = programValues(foppl, potential, posterior, draws.chains() * (long)
                    draws.drawCount(), omitted);
            addProgramValues(values, quantities, groups, draws.chains(), draws.drawCount(), omitted);
            note = omitted.isEmpty() ? null : "not reported: " + String.join(", ", omitted)
                    + " (parts of the program's value that depend on enumerated discrete sites, or are not numbers)";
        }
        SummaryTable summary = summarise(quantities);
        double postSeconds = (System.nanoTime() - t1) / 1e9;
        return new McmcOutcome(info, s, posterior, draws, quantities, groups, summary, prepareSeconds, postSeconds,
                note);
    }

    /**
     * SVI with an {@link AutoNormal} guide (mean field on the unconstrained space) optimised by Adam, then
     * {@code chains x samples} independent draws from the guide, summarised as the draws of a run. The
     * guide's parameters live in the SVI's own parameter store, so a fit starts afresh and leaves the global
     * store (and runs in other threads) alone.
     */
    private SviOutcome runSvi(Runnable model, FopplModel foppl) {
        RunSettings s = settings;
        long t0 = System.nanoTime();
        if (foppl != null) {
            foppl.checkGradientInference("SVI");
            if (foppl.hasDiscreteLatentSites()) {
                Span span = foppl.siteSpan(foppl.latentSites().stream()
                        .filter(n -> foppl.siteSpan(n) != null).findFirst().orElseThrow());
                throw new FopplException(span, "SVI with an automatic guide needs continuous latent sites; this model"
                        + " has discrete ones (use --algo nuts, which sums them out)");
            }
        }
        SviModel sviModel = SviModel.of(model);
        AutoNormal guide = AutoNormal.of(sviModel);
        SVI svi = new SVI(sviModel, guide, Adam.of(s.learningRate()), TraceELBO.of(s.particles())).seed(s.seed())
                .dtype(s.dtype());
        double[] losses = new double[s.steps()];
        svi.addListener((step, loss, running) -> {
            losses[(int) step - 1] = loss;
            sviListener.onStep(step, loss, running);
        });
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        svi.run(s.steps());
        double fitSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        int n = s.chains() * s.samples();
        Map<String, Tensor> latent = guide.sample(n, RandomStream.of(s.seed()).split(2).get(1));
        Map<String, double[][]> quantities = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : latent.entrySet()) {
            Tensor v = e.getValue();
            long[] shape = Arrays.copyOfRange(v.shape(), 1, v.rank());
            int size = (int) Shapes.size(shape);
            double[] flat = v.reshape(n, size).toDoubleArray();
            for (int k = 0; k < size; k++) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = flat[i * size + k];
                }
                String q = ComponentName.of(e.getKey(), shape, k);
                quantities.put(q, byChain(d, s.chains(), s.samples()));
                groups.put(q, e.getKey());
            }
        }
        String note = null;
        if (foppl != null) {
            List<String> omitted = new ArrayList<>();
            Map<String, double[]> values = foppl.programValues(latent, n, omitted);
            addProgramValues(values, quantities, groups, s.chains(), s.samples(), omitted);
            note = omitted.isEmpty() ? null : "not reported: " + String.join(", ", omitted);
        }
        SummaryTable summary = summarise(quantities);
        SviFit fit = new SviFit("AutoNormal", s.steps(), s.learningRate(), s.particles(), losses, fitSeconds);
        return new SviOutcome(info, s, fit, quantities, groups, summary, prepareSeconds,
                (System.nanoTime() - t2) / 1e9, note);
    }

    /** Adds the program's value to the quantities, unless it has too many numbers (then noted in {@code omitted}). */
    private static void addProgramValues(Map<String, double[]> values, Map<String, double[][]> quantities,
                                         Map<String, String> groups, int chains, int draws, List<String> omitted) {
        if (values.size() > MAX_VALUE_COMPONENTS) {
            omitted.add("return (" + values.size() + " numbers; at most " + MAX_VALUE_COMPONENTS + " are reported)");
            return;
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (!quantities.containsKey(e.getKey())) {
                quantities.put(e.getKey(), byChain(e.getValue(), chains, draws));
                groups.put(e.getKey(), FopplModel.RETURN);
            }
        }
    }

    /** The summary of every quantity; one whose draws cannot be summarised (e.g. all equal) gets NaNs. */
    private static SummaryTable summarise(Map<String, double[][]> quantities) {
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : quantities.entrySet()) {
            try {
                rows.add(Summary.of(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                double nan = Double.NaN;
                rows.add(new SummaryRow(e.getKey(), nan, nan, nan, nan, nan, nan, nan, nan, nan));
            }
        }
        return SummaryTable.of(rows);
    }

    /** The potential of the model's latent sites; in a model file, a discrete site NUTS cannot handle points at its form. */
    private static ModelPotential potential(Runnable model, FopplModel foppl) {
        try {
            return ModelPotential.of(model);
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            if (foppl != null && foppl.hasDiscreteLatentSites()) {
                for (String name : foppl.latentSites()) {
                    Span span = foppl.siteSpan(name);
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
                                                       long n, List<String> omitted) {
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
}
