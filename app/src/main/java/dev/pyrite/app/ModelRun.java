package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.app.foppl.Span;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.ComponentName;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.diagnostics.Summary;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import dev.pyrite.inference.mcmc.Hook;
import dev.pyrite.inference.dhmc.DHMC;
import dev.pyrite.inference.ensemble.ChEES;
import dev.pyrite.inference.ensemble.EnsembleRun;
import dev.pyrite.inference.ensemble.MEADS;
import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.SamplingRun;
import dev.pyrite.inference.gibbs.DiscreteHMCGibbs;
import dev.pyrite.inference.gibbs.GibbsSamples;
import dev.pyrite.inference.mcmc.Superchains;
import dev.pyrite.inference.pathfinder.Pathfinder;
import dev.pyrite.inference.pathfinder.PathfinderResult;
import dev.pyrite.inference.enumeration.InferDiscrete;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcRun;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.program.Element;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.SviListener;
import dev.pyrite.inference.svi.SviModel;
import dev.pyrite.inference.svi.SviRun;
import dev.pyrite.inference.svi.TraceELBO;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 *
 * // checkpointed, with the CSVs appended as the draws come; after a crash, the same draws:
 * Path dir = Path.of("runs/eight_schools");
 * ModelRun.of(program).checkpointTo(dir.resolve("checkpoint")).csvTo(dir).run();
 * ModelRun.of(program).checkpointTo(dir.resolve("checkpoint")).csvTo(dir).resumeFrom(dir.resolve("checkpoint")).run();
 * }</pre>
 *
 * <p>NUTS and HMC run as an {@link McmcRun}, SVI as an {@link SviRun}, stepped from this class's loop,
 * which writes the checkpoints between steps; the reported quantities of each draw are computed as the
 * draw comes, one iteration of all chains at a time, so that a resumed run reports the same numbers.
 */
public final class ModelRun {
    /** The program's value is reported when it has at most this many numbers. */
    static final int MAX_VALUE_COMPONENTS = 1000;

    private final ModelInfo info;
    private final Supplier<? extends Runnable> models;
    private RunSettings settings = RunSettings.defaults();
    private McmcListener listener = McmcListener.NONE;
    private SviListener sviListener = (step, loss, running) -> { };
    /** Where checkpoints go, or null for none. */
    private Path checkpointDir;
    /** The checkpoint to continue, or null to start afresh. */
    private Path resumeDir;
    /** Where the CmdStan CSVs are appended as draws come, or null (then {@link RunWriter} writes them). */
    private Path csvDir;
    /** Whether the enumerated discrete sites were drawn after sampling (then the streamed CSVs lack them). */
    private boolean discreteSitesDrawn;
    /** Whether the program's value was computed again with the discrete sites' draws, and what it still omits. */
    private boolean programValueRecomputed;
    private String programValueNote;

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

    /**
     * Writes a checkpoint into {@code dir} between steps, every {@link RunSettings#checkpointEvery()}
     * iterations (0: at least every 30 s), and one at the end (MCMC and SVI; exact inference is one step).
     */
    public ModelRun checkpointTo(Path dir) {
        this.checkpointDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Continues the run checkpointed in {@code dir} ({@link #checkpointTo}) instead of starting afresh; the
     * settings must be the checkpointed run's. With {@link #csvTo}, the CSVs there are cut back to the draws
     * the checkpoint holds and continued.
     */
    public ModelRun resumeFrom(Path dir) {
        this.resumeDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Appends the CmdStan CSVs of an MCMC run into {@code dir} as the draws come, flushed every iteration,
     * so that a killed run loses no draw its last checkpoint holds ({@link RunWriter} then leaves them be).
     */
    public ModelRun csvTo(Path dir) {
        this.csvDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Whether {@link #csvTo} is set and the run is a step program: the MCMC CSVs are written as the draws come. */
    boolean streamsCsv() {
        return csvDir != null && settings.algorithm().checkpointed() && !discreteSitesDrawn;
    }

    /** Iterations a progress bar counts: warm-up plus draws (MCMC), or optimisation steps (SVI). */
    public int progressTotal() {
        return settings.algorithm() == Algorithm.SVI ? settings.steps() : settings.warmup() + settings.samples();
    }

    /**
     * The step program this run steps ({@link McmcRun#program()}, {@link SviRun#program()}), built without
     * running it (the model is traced and its potential compiled). Exact inference is one call, not a program.
     */
    public Element program() {
        try (ContextScope<DataType> floatType = Backend.floatTypeScope(settings.dtype())) {
            Runnable model = models.get();
            FopplModel foppl = model instanceof FopplModel f ? f : null;
            return switch (settings.algorithm()) {
                case NUTS, HMC -> mcmc(potential(model, foppl)).start().program();
                case CHEES, MEADS -> ensemble(potential(model, foppl)).program();
                case SVI -> new Svi(model).svi.start(settings.steps()).program();
                case ENUM, DHMC, PATHFINDER, GIBBS -> throw new UnsupportedOperationException("--algo " + settings.algorithm().id()
                        + " runs as one call, not a step program");
            };
        }
    }

    /**
     * The run's step program as {@code pyrite run --print-program} prints it, under a line that says what
     * runs; exact inference, which is one step, as an outline.
     */
    public String describeProgram() {
        String head = info.origin() + ": " + settings.description() + System.lineSeparator();
        if (settings.algorithm().checkpointed()) {
            return head + program();
        }
        if (settings.algorithm() == Algorithm.GIBBS) {
            return head + "  initialise: every chain's start, discrete sites embedded" + System.lineSeparator()
                    + "  each iteration x" + (settings.warmup() + settings.samples()) + ": a Metropolised Gibbs step"
                    + " (Liu 1996) for every element of every finite discrete site, all support values scored in one"
                    + " batched call; then HMC on the continuous sites (10 leapfrogs, step size adapted in warm-up)"
                    + System.lineSeparator();
        }
        if (settings.algorithm() == Algorithm.PATHFINDER) {
            return head + "  optimise: 4 L-BFGS paths in lock step from uniform(-2, 2), one batched call a step"
                    + System.lineSeparator() + "  approximate: a normal approximation at every iterate, its ELBO"
                    + " from 25 draws; the best per path" + System.lineSeparator() + "  draw: "
                    + settings.chains() * settings.samples() + " draws, importance-resampled over the paths"
                    + System.lineSeparator();
        }
        if (settings.algorithm() == Algorithm.DHMC) {
            return head + "  initialise: every chain's start, integer sites embedded on the real line" + System.lineSeparator()
                    + "  warmup x" + settings.warmup() + ": jittered step size and count, dual averaging of the step"
                    + " size, per-coordinate scales" + System.lineSeparator()
                    + "  sampling x" + settings.samples() + ": leapfrog on smooth coordinates, coordinate-wise Laplace"
                    + " steps where the density jumps" + System.lineSeparator();
        }
        return head + "  enumerate: every latent site's values in parallel, plated sum-product of the factors"
                + System.lineSeparator() + "  summarise: exact marginals, means, sds and quantiles"
                + System.lineSeparator();
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
                case NUTS, HMC, CHEES, MEADS -> runMcmc(model, foppl);
                case DHMC, PATHFINDER, GIBBS -> runSampler(model, foppl);
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

    /** The sampler these settings describe, not started. */
    private MCMC mcmc(ModelPotential potential) {
        RunSettings s = settings;
        MCMC mcmc = s.algorithm() == Algorithm.NUTS ? MCMC.nuts(potential).maxTreeDepth(s.maxTreeDepth())
                : MCMC.hmc(potential, s.trajectoryLength());
        mcmc.chains(s.chains()).warmup(s.warmup()).samples(s.samples()).seed(s.seed()).dtype(s.dtype())
                .targetAccept(s.targetAccept()).denseMass(s.denseMass()).executor(s.executor());
        INDArray starts = initialPositions(potential);
        if (starts != null) {
            mcmc.initialPositions(starts);
        }
        if (s.untilRhat() > 0) {
            mcmc.untilRhat(s.untilRhat());
        }
        if (s.untilEss() > 0) {
            mcmc.untilEss(s.untilEss());
        }
        return mcmc.superchains(s.superchains());
    }

    /**
     * ChEES or MEADS as these settings say, not yet stepped: the superchains' starts, and with
     * {@code --until-rhat}/{@code --until-ess} a stopping rule whose R-hat is nested R-hat over the
     * superchains where they are given (the quantity many short chains call for), else split R-hat.
     */
    private EnsembleRun ensemble(ModelPotential potential) {
        RunSettings s = settings;
        ConvergenceTargets rule = new ConvergenceTargets(s.untilRhat() > 0 ? s.untilRhat() : Double.NaN,
                s.untilEss() > 0 ? s.untilEss() : Double.NaN, s.superchains());
        INDArray starts = initialPositions(potential);
        if (s.algorithm() == Algorithm.CHEES) {
            ChEES chees = ChEES.of(potential).chains(s.chains()).warmup(s.warmup()).samples(s.samples())
                    .seed(s.seed()).dtype(s.dtype()).executor(s.executor()).initialPositions(starts).stopWhen(rule);
            // --target-accept applies where it is set; ChEES keeps its own default (0.651, the paper's) otherwise
            boolean acceptSet = s.targetAccept() != RunSettings.defaults().targetAccept();
            return (acceptSet ? chees.targetAccept(s.targetAccept()) : chees).start();
        }
        return MEADS.of(potential).chains(s.chains()).warmup(s.warmup()).samples(s.samples()).seed(s.seed())
                .dtype(s.dtype()).executor(s.executor()).initialPositions(starts).stopWhen(rule).start();
    }

    /** The step-program run of these settings on {@code potential}: started afresh, or resumed from {@link #resumeFrom}. */
    private SamplingRun samplingRun(ModelPotential potential) {
        boolean ensemble = settings.algorithm() == Algorithm.CHEES || settings.algorithm() == Algorithm.MEADS;
        if (resumeDir != null) {
            return ensemble ? EnsembleRun.resume(resumeDir, potential) : McmcRun.resume(resumeDir, potential);
        }
        return ensemble ? ensemble(potential) : mcmc(potential).start();
    }

    /** NUTS, HMC, ChEES or MEADS, stepped from {@link #stepToEnd}: checkpoints, resume, CSVs as the draws come. */
    private McmcOutcome runMcmc(Runnable model, FopplModel foppl) {
        RunSettings s = settings;
        long t0 = System.nanoTime();
        if (foppl != null) {
            foppl.checkGradientInference(s.algorithm().name());
        }
        ModelPotential potential = potential(model, foppl);
        SamplingRun run = samplingRun(potential);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;

        McmcSamples held = resumeDir == null ? null : run.samples();   // the draws the checkpoint holds
        int heldDraws = held == null ? 0 : held.drawCount();
        ChainCsvStream csv = csvDir == null ? null
                : ChainCsvStream.resumed(csvDir, info, s, run::samples, SamplingRecorder.wholeBlocks(heldDraws));
        DrawQuantities quantities = new DrawQuantities(potential, foppl, s.dtype());
        SamplingRecorder recorder = new SamplingRecorder(quantities, s.dtype(), csv);
        if (held != null) {
            recorder.backfill(held, heldDraws);
        }
        run.hook(Hook.of(listener)).hook(recorder);
        McmcSamples draws;
        try {
            stepToEnd(run::finished, run::step, run::iteration, run::checkpoint);
            draws = run.samples();
            recorder.finish();
            if (csv != null) {
                csv.finish(draws.warmupSeconds(), draws.samplingSeconds());
            }
        } finally {
            if (csv != null) {
                csv.close();
            }
        }
        long t1 = System.nanoTime();
        Posterior posterior = Posterior.of(potential, draws);
        Map<String, double[][]> values = recorder.draws(draws.drawCount());
        Map<String, String> groups = new LinkedHashMap<>(quantities.groups());
        posterior = withDiscreteSites(potential, foppl, posterior, values, groups);
        SummaryTable summary = summarise(values);
        double postSeconds = (System.nanoTime() - t1) / 1e9;
        return new McmcOutcome(info, s, posterior, draws, values, groups, summary, prepareSeconds, postSeconds,
                programValueRecomputed ? programValueNote : quantities.note(), Double.NaN);
    }

    /**
     * The enumerated discrete sites, summed out while sampling, drawn afterwards from their exact conditional
     * given each draw ({@link InferDiscrete}, temperature 1) and added to the reported quantities after the
     * sampled ones ({@code tau}, {@code z[1]}...). The streamed CSVs then lack their columns, so the writer
     * writes the CSVs again from the outcome.
     */
    private Posterior withDiscreteSites(ModelPotential potential, FopplModel foppl, Posterior posterior,
                                        Map<String, double[][]> values, Map<String, String> groups) {
        if (potential.enumeratedSites().isEmpty()) {
            return posterior;
        }
        RandomStream stream = RandomStream.of(settings.seed()).split(3).get(2);
        return withDiscreteDraws(InferDiscrete.sample(potential, posterior, stream), foppl, posterior, values, groups);
    }

    /**
     * Adds discrete sites' draws {@code [chains, draws, ...]} to the posterior and the reported quantities,
     * and, for a model file, the parts of the program's value that depend on them: the program runs once
     * more, vectorised over every draw, with every site, discrete ones included, set to its draws.
     */
    private Posterior withDiscreteDraws(Map<String, INDArray> discrete, FopplModel foppl, Posterior posterior,
                                       Map<String, double[][]> values, Map<String, String> groups) {
        Posterior all = posterior.withDiscreteSites(discrete);
        for (Map.Entry<String, double[][]> e : all.draws().entrySet()) {
            if (!posterior.draws().containsKey(e.getKey())) {
                values.put(e.getKey(), e.getValue());
                int bracket = e.getKey().indexOf('[');
                groups.put(e.getKey(), bracket < 0 ? e.getKey() : e.getKey().substring(0, bracket));
            }
        }
        discreteSitesDrawn = true;
        if (foppl != null) {
            int chains = posterior.samples().chains();
            int draws = posterior.samples().drawCount();
            long n = (long) chains * draws;
            Map<String, Tensor> latent = new LinkedHashMap<>();
            for (String site : all.siteNames()) {
                INDArray a = all.site(site);
                long[] shape = a.shape();
                long[] flat = new long[shape.length - 1];
                flat[0] = n;
                System.arraycopy(shape, 2, flat, 1, shape.length - 2);
                latent.put(site, Tensor.of(a.reshape('c', flat).castTo(Backend.floatType())));
            }
            List<String> omitted = new ArrayList<>();
            addProgramValues(foppl.programValues(latent, n, omitted), values, groups, chains, draws, omitted);
            programValueNote = omitted.isEmpty() ? null : "not reported: " + String.join(", ", omitted);
            programValueRecomputed = true;
        }
        return all;
    }

    /**
     * A sampler that runs as one call and returns its draws ({@code --algo dhmc}): the quantities are computed
     * from the draws afterwards, the same way a streamed run computes them iteration by iteration.
     */
    private McmcOutcome runSampler(Runnable model, FopplModel foppl) {
        RunSettings s = settings;
        long t0 = System.nanoTime();
        if (foppl != null && s.algorithm() != Algorithm.DHMC && s.algorithm() != Algorithm.GIBBS) {
            foppl.checkGradientInference(s.algorithm().name());
        }
        ModelPotential potential = s.algorithm() == Algorithm.DHMC ? ModelPotential.embedding(model)
                : s.algorithm() == Algorithm.GIBBS ? null : potential(model, foppl);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        double elbo = Double.NaN;
        String pathfinderNote = null;
        Map<String, INDArray> gibbsDiscrete = null;
        McmcSamples draws;
        if (s.algorithm() == Algorithm.GIBBS) {
            GibbsSamples g = DiscreteHMCGibbs.of(model).chains(s.chains()).warmup(s.warmup()).samples(s.samples())
                    .seed(s.seed()).targetAccept(s.targetAccept()).dtype(s.dtype()).executor(s.executor()).run();
            potential = g.continuousPotential();
            draws = g.continuous();
            gibbsDiscrete = g.discrete();
        } else if (s.algorithm() == Algorithm.PATHFINDER) {
            PathfinderResult r = Pathfinder.of(potential).draws(s.chains() * s.samples()).seed(s.seed())
                    .dtype(s.dtype()).executor(s.executor()).run();
            elbo = r.elbo();
            draws = asChains(r.samples(), s.chains());
            pathfinderNote = String.format(java.util.Locale.ROOT, "Pathfinder's draws are importance-resampled;"
                    + " the weights' effective sample size is %.0f, and the ESS columns count repeated draws;"
                    + " Pareto k %.2f%s", r.importanceEss(), r.paretoK(),
                    r.paretoK() > 0.7 ? " (above 0.7: the approximation misses the posterior, the draws are"
                            + " unreliable)" : "");
        } else {
            draws = sample(potential);
        }
        long t1 = System.nanoTime();
        DrawQuantities quantities = new DrawQuantities(potential, foppl, s.dtype());
        SamplingRecorder recorder = new SamplingRecorder(quantities, s.dtype(), null);
        recorder.backfill(draws, draws.drawCount());
        recorder.finish();
        Posterior posterior = Posterior.of(potential, draws);
        Map<String, double[][]> values = recorder.draws(draws.drawCount());
        Map<String, String> groups = new LinkedHashMap<>(quantities.groups());
        if (gibbsDiscrete != null) {
            posterior = withDiscreteDraws(gibbsDiscrete, foppl, posterior, values, groups);
        }
        SummaryTable summary = summarise(values);
        double postSeconds = (System.nanoTime() - t1) / 1e9;
        return new McmcOutcome(info, s, posterior, draws, values, groups, summary,
                prepareSeconds, postSeconds,
                joinNotes(programValueRecomputed ? programValueNote : quantities.note(), pathfinderNote), elbo);
    }

    private static String joinNotes(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /**
     * Pathfinder's independent draws {@code [1, chains x samples, D]} laid out as {@code chains} rows of
     * {@code samples}, as the summary and the CSVs expect (its R-hat is then a check of nothing but the
     * resampling, and its ESS is close to the draw count where the importance weights are even).
     */
    private static McmcSamples asChains(McmcSamples one, int chains) {
        int n = one.drawCount() / chains;
        long d = one.draws().size(2);
        java.util.function.UnaryOperator<INDArray> rows = a -> a.reshape('c', chains, n);
        return new McmcSamples(one.draws().reshape('c', chains, n, d), rows.apply(one.logDensity()),
                rows.apply(one.acceptStat()), rows.apply(one.stepSize()), rows.apply(one.treeDepth()),
                rows.apply(one.leapfrogs()), rows.apply(one.divergent()), rows.apply(one.energy()),
                Nd4j.zeros(DataType.DOUBLE, chains), Nd4j.zeros(DataType.DOUBLE, chains, d), one.warmupSeconds(),
                one.samplingSeconds(), one.gradientEvaluations(), one.stopReason());
    }

    /**
     * Where the chains start: null (each sampler's own uniform(-2, 2) on the unconstrained space), Pathfinder's
     * draws ({@code --init pathfinder}), or with {@code --superchains K} K starting points each shared by
     * {@code chains / K} chains (uniform, or Pathfinder's).
     */
    private INDArray initialPositions(ModelPotential potential) {
        RunSettings s = settings;
        int k = s.superchains();
        boolean pathfinder = "pathfinder".equals(s.init());
        if (!pathfinder && k == 0) {
            return null;
        }
        if (pathfinder && s.algorithm() == Algorithm.DHMC) {
            throw new IllegalArgumentException("--init pathfinder needs a smooth density; --algo dhmc samples"
                    + " discontinuous ones (use --init uniform)");
        }
        INDArray starts = pathfinder
                ? Pathfinder.of(potential).seed(s.seed()).dtype(s.dtype()).executor(s.executor())
                        .initialPositions(k > 0 ? k : s.chains())
                : null;
        if (k > 0) {
            starts = starts != null ? Superchains.repeat(starts, s.chains())
                    : Superchains.uniform(k, s.chains(), potential.dimension(), s.seed());
        }
        return starts.castTo(s.dtype());
    }

    /** The draws of a sampler that runs as one call. */
    private McmcSamples sample(ModelPotential potential) {
        RunSettings s = settings;
        INDArray starts = initialPositions(potential);
        return switch (s.algorithm()) {
            case DHMC -> DHMC.of(potential).chains(s.chains()).warmup(s.warmup()).samples(s.samples())
                    .seed(s.seed()).dtype(s.dtype()).targetAccept(s.targetAccept()).executor(s.executor())
                    .initialPositions(starts).listener(listener).run();
            default -> throw new IllegalStateException("not a one-call sampler: " + s.algorithm().id());
        };
    }

    /**
     * Steps a run to its end from this loop, writing checkpoints as {@link CheckpointSchedule} says and one at
     * the end, when {@link #checkpointTo} is set.
     */
    private void stepToEnd(BooleanSupplier finished, Runnable step, IntSupplier iteration, Consumer<Path> checkpoint) {
        CheckpointSchedule schedule = CheckpointSchedule.of(settings.checkpointEvery());
        int lastIteration = iteration.getAsInt();
        long lastNanos = System.nanoTime();
        while (!finished.getAsBoolean()) {
            step.run();
            if (checkpointDir != null && !finished.getAsBoolean()) {
                int i = iteration.getAsInt();
                long now = System.nanoTime();
                if (schedule.due(i, lastIteration, Duration.ofNanos(now - lastNanos))) {
                    checkpoint.accept(checkpointDir);
                    lastIteration = i;
                    lastNanos = now;
                }
            }
        }
        if (checkpointDir != null) {
            checkpoint.accept(checkpointDir);
        }
    }

    /** The SVI of these settings: an {@link AutoNormal} guide in the fit's own parameter store, Adam, a TraceELBO. */
    private final class Svi {
        final AutoNormal guide;
        final SVI svi;

        Svi(Runnable model) {
            SviModel sviModel = SviModel.of(model);
            guide = AutoNormal.of(sviModel);
            svi = new SVI(sviModel, guide, Adam.of(settings.learningRate()), TraceELBO.of(settings.particles()))
                    .seed(settings.seed()).dtype(settings.dtype());
        }
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
        Svi fit = new Svi(model);
        fit.svi.addListener(sviListener);
        SviRun run = resumeDir != null ? SviRun.resume(resumeDir, fit.svi) : fit.svi.start(s.steps());
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        stepToEnd(run::done, run::step, run::completed, run::checkpoint);
        double[] losses = run.losses();
        double fitSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        int n = s.chains() * s.samples();
        Map<String, Tensor> latent = fit.guide.sample(n, RandomStream.of(s.seed()).split(2).get(1));
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
        SviFit sviFit = new SviFit("AutoNormal", s.steps(), s.learningRate(), s.particles(), losses, fitSeconds);
        return new SviOutcome(info, s, sviFit, quantities, groups, summary, prepareSeconds,
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
    private SummaryTable summarise(Map<String, double[][]> quantities) {
        // nested R-hat (Margossian et al. 2023) when chains were started in superchains
        int k = settings.algorithm() == Algorithm.PATHFINDER || settings.algorithm() == Algorithm.SVI ? 0
                : settings.superchains();
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : quantities.entrySet()) {
            try {
                rows.add(k > 0 ? Summary.of(e.getKey(), e.getValue(), k) : Summary.of(e.getKey(), e.getValue()));
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

    private static double[][] byChain(double[] flat, int chains, int draws) {
        double[][] out = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            System.arraycopy(flat, c * draws, out[c], 0, draws);
        }
        return out;
    }
}
