package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.mcmc.McmcRun;
import dev.pyrite.inference.svi.SviRun;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Executor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pyrite run MODEL.clj [options]}: compiles a FOPPL model file, samples its posterior, prints a
 * progress bar (on a terminal), the summary table and a line of timings, and writes the outputs (CmdStan
 * CSVs, summary.csv, run.json, plots) to {@code --out DIR}, with checkpoints in {@code DIR/checkpoint} that
 * {@link ResumeCommand} continues. The chain CSVs are appended as the draws come. The options become one {@link RunSettings},
 * which checks them; their defaults are {@link RunSettings#defaults()}'s.
 */
@Command(name = "run", separator = " ", sortOptions = false, synopsisHeading = "Usage: ",
        customSynopsis = "pyrite run MODEL.clj [options]",
        description = "Samples the posterior of a FOPPL model file (see examples/*.clj) and writes the results.",
        optionListHeading = "%nOptions:%n",
        parameterListHeading = "%n", footerHeading = "%n",
        footer = "Outputs in DIR: <model>_<chain>.csv (CmdStan format, for ArviZ, cmdstanpy and R; after SVI"
            + " <model>_vb.csv in CmdStan's variational format and elbo.csv), summary.csv (the printed table),"
            + " run.json (settings, timings, versions, stop reason), plots/*.png, and checkpoint/ (the run's state"
            + " and description: `pyrite resume DIR` continues a stopped run). The chain CSVs grow as the draws come.")
final class RunCommand implements Callable<Integer> {
    /** The checkpoint folder inside an output folder, which {@code pyrite resume DIR} reads. */
    static final String CHECKPOINT_FOLDER = "checkpoint";
    private static final RunSettings DEFAULTS = RunSettings.defaults();

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODEL.clj", description = "the model file")
    private Path model;

    @Option(names = "--algo", paramLabel = "nuts|hmc|svi|enum|dhmc|chees|meads|pathfinder|gibbs",
            converter = OptionValues.AlgorithmValue.class,
            description = {"the No-U-Turn sampler (default), HMC with a fixed trajectory length, SVI with an automatic"
                + " mean-field guide (AutoNormal, Adam) followed by chains x samples draws from the guide, exact"
                + " inference by enumeration for all-discrete models, discontinuous HMC (discrete latents of any"
                + " support, jumps), ChEES-HMC or MEADS (many chains, adapted across them), Pathfinder, or Gibbs"
                + " updates of finite discrete sites with HMC on the rest"})
    private Algorithm algorithm = DEFAULTS.algorithm();

    @Option(names = "--chains", paramLabel = "N", description = "chains, run as one batch (default ${DEFAULT-VALUE})")
    private int chains = DEFAULTS.chains();

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up iterations per chain (default ${DEFAULT-VALUE})")
    private int warmup = DEFAULTS.warmup();

    @Option(names = "--samples", paramLabel = "N", description = "draws kept per chain (default ${DEFAULT-VALUE})")
    private int samples = DEFAULTS.samples();

    @Option(names = "--seed", paramLabel = "N",
            description = "random seed (default ${DEFAULT-VALUE}); the same seed gives the same draws")
    private long seed = DEFAULTS.seed();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default runs/<model>-<timestamp>)")
    private Path out;

    @Option(names = "--dtype", paramLabel = "float64|float32", converter = OptionValues.DtypeValue.class,
            description = "floating-point type (default float64)")
    private DataType dtype = DEFAULTS.dtype();

    @Option(names = "--target-accept", paramLabel = "A",
            description = "step-size adaptation target (default ${DEFAULT-VALUE})")
    private double targetAccept = DEFAULTS.targetAccept();

    @Option(names = "--max-depth", paramLabel = "N", description = "NUTS: deepest tree (default ${DEFAULT-VALUE})")
    private int maxDepth = DEFAULTS.maxTreeDepth();

    @Option(names = "--dense-mass", description = "MCMC: adapt a dense mass matrix (default diagonal)")
    private boolean denseMass = DEFAULTS.denseMass();

    @Option(names = "--trajectory-length", paramLabel = "L",
            description = "HMC: length of each trajectory (default pi/2)")
    private double trajectoryLength = DEFAULTS.trajectoryLength();

    @Option(names = "--executor", paramLabel = "jvm|nd4j|auto", converter = OptionValues.ExecutorValue.class,
            description = "who runs the compiled programs (default: -Dpyrite.executor, else auto, the cost model)")
    private Executor executor = DEFAULTS.executor();

    @Option(names = "--steps", paramLabel = "N", description = "SVI: optimisation steps (default ${DEFAULT-VALUE})")
    private int steps = DEFAULTS.steps();

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "SVI: Adam's learning rate (default ${DEFAULT-VALUE})")
    private double learningRate = DEFAULTS.learningRate();

    @Option(names = "--particles", paramLabel = "N",
            description = "SVI: ELBO particles per step (default ${DEFAULT-VALUE})")
    private int particles = DEFAULTS.particles();

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "nuts, hmc, chees, meads, svi: iterations between checkpoints into DIR/checkpoint (for"
                + " pyrite resume DIR); 0 (default): at least every 30 s; always one at the end")
    private int checkpointEvery = DEFAULTS.checkpointEvery();

    @Option(names = "--until-rhat", paramLabel = "R",
            description = "nuts, hmc, chees, meads: sample in rounds of 100 until every R-hat is at most R (and"
                + " --until-ess is met), or --samples is reached; rank-normalised split R-hat, or for chees and meads"
                + " with --superchains, nested R-hat")
    private double untilRhat = DEFAULTS.untilRhat();

    @Option(names = "--until-ess", paramLabel = "E",
            description = "nuts, hmc, chees, meads: sample in rounds of 100 until every bulk ESS is at least E (and"
                + " --until-rhat is met), or --samples is reached")
    private double untilEss = DEFAULTS.untilEss();

    @Option(names = "--superchains", paramLabel = "K",
            description = "K groups of chains, each started from one point, and nested R-hat in the summary; 0: none")
    private int superchains = DEFAULTS.superchains();

    @Option(names = "--init", paramLabel = "uniform|pathfinder",
            description = "where chains start: uniform(-2, 2) on the unconstrained space, or Pathfinder's draws"
                + " (default ${DEFAULT-VALUE})")
    private String init = DEFAULTS.init();

    @Option(names = "--no-plots", description = "skip the PNG plots")
    private boolean noPlots;

    @Option(names = "--print-program", description = "print the run's step program (warm-up windows, sampling) and exit without running it")
    private boolean printProgram;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
    private boolean help;

    private final PrintStream stdout;
    private final PrintStream stderr;

    RunCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The options as one validated record; a bad value is a usage error naming its option. */
    RunSettings settings() {
        boolean rule = untilRhat != DEFAULTS.untilRhat() || untilEss != DEFAULTS.untilEss();
        if (rule && !(algorithm.mcmc() && algorithm.checkpointed())) {
            // a rule that would be ignored is a usage error, not a silent full-budget run
            throw new ParameterException(spec.commandLine(), "--until-rhat and --until-ess apply to --algo nuts, hmc,"
                    + " chees and meads, got --algo " + algorithm.id());
        }
        try {
            return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxDepth, denseMass,
                    trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                    superchains, init);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        if (model == null) {
            throw new ParameterException(spec.commandLine(),
                    "run: which model file? (usage: pyrite run MODEL.clj [options])");
        }
        if (!Files.isRegularFile(model)) {
            throw new ParameterException(spec.commandLine(), "run: no such model file: " + model);
        }
        RunSettings s = settings();
        long t0 = System.nanoTime();
        FopplProgram program = FopplProgram.load(model);
        double compileSeconds = (System.nanoTime() - t0) / 1e9;
        ModelRun run = ModelRun.of(program).settings(s);
        if (s.algorithm() == Algorithm.NUTS || s.algorithm() == Algorithm.HMC) {
            program.jumps().nutsWarning().ifPresent(w -> stderr.println("pyrite: warning: " + w));
        }
        if (printProgram) {
            stdout.print(run.describeProgram());
            return 0;
        }
        Path dir = out != null ? out : Path.of("runs", program.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> commandLine = new ArrayList<>();
        commandLine.add("pyrite");
        commandLine.addAll(spec.commandLine().getParseResult().originalArgs());   // all of them, "run" first
        Path checkpoints = dir.resolve(CHECKPOINT_FOLDER);
        clearCheckpoint(checkpoints);   // a run started afresh in an old output folder must not resume its state
        RunDescription description = RunDescription.of(model, program, s, commandLine, !noPlots);
        description.write(checkpoints);
        if (s.algorithm().checkpointed()) {
            run.checkpointTo(checkpoints);
        }
        run.csvTo(dir);
        String header = String.format(Locale.ROOT, "%s: %s on %s (parsed in %.2f s)", model.getFileName(),
                s.description(), Backend.describe(), compileSeconds);
        return execute(run, description, dir, header, stdout, stderr);
    }

    private static void clearCheckpoint(Path checkpoints) {
        try {
            for (String f : new String[]{McmcRun.STATE_FILE, McmcRun.METADATA_FILE, SviRun.STATE_FILE,
                SviRun.METADATA_FILE}) {
                Files.deleteIfExists(checkpoints.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs (or continues) {@code run}, prints the summary and the line of timings, and writes the outputs
     * into {@code dir} as {@code description} says: what {@code pyrite run} and {@code pyrite resume} share.
     */
    static int execute(ModelRun run, RunDescription description, Path dir, String header, PrintStream stdout,
                       PrintStream stderr) {
        RunSettings s = run.settings();
        if (System.console() != null) {
            ProgressBar bar = new ProgressBar(stderr, s.steps());
            run.listener(bar).sviListener(bar);
        }
        stdout.println(header);
        RunResult result;
        try {
            result = run.run();
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);   // the model, not the command line: exit 1
        }
        stdout.println();
        stdout.print(result.summaryText());
        stdout.println();
        stdout.println(result.statsLine());
        if (result.note() != null) {
            stdout.println("note: " + result.note());
        }
        RunWriter.to(dir).commandLine(description.commandLine()).modelFile(Path.of(description.modelFile().path()))
                .plots(description.plots()).chainCsvsWritten(run.streamsCsv()).write(result);
        stdout.println("outputs: " + dir);
        return 0;
    }
}
