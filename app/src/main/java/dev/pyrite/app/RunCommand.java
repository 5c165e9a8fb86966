package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.tensor.Backend;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pyrite run MODEL.clj [options]}: compiles a FOPPL model file, samples its posterior, prints a
 * progress bar (on a terminal), the summary table and a line of timings, and writes the outputs (CmdStan
 * CSVs, summary.csv, run.json, plots) to {@code --out DIR}.
 */
final class RunCommand {
    static String usage() {
        return String.join(System.lineSeparator(),
                "Usage: pyrite run MODEL.clj [options]",
                "",
                "Samples the posterior of a FOPPL model file (see examples/*.clj) and writes the results.",
                "",
                "Options:",
                "  --algo nuts|hmc|svi|enum the No-U-Turn sampler (default), HMC with a fixed trajectory",
                "                           length, or SVI with an automatic mean-field guide (AutoNormal,",
                "                           Adam) followed by chains x samples draws from the guide, or",
                "                           exact inference by enumeration for all-discrete models",
                "  --chains N               chains, run as one batch (default 4)",
                "  --warmup N               warm-up iterations per chain (default 500)",
                "  --samples N              draws kept per chain (default 1000)",
                "  --seed N                 random seed (default 0); the same seed gives the same draws",
                "  --out DIR                output folder (default runs/<model>-<timestamp>)",
                "  --dtype float64|float32  floating-point type (default float64)",
                "  --target-accept A        step-size adaptation target (default 0.8)",
                "  --max-depth N            NUTS: deepest tree (default 10)",
                "  --trajectory-length L    HMC: length of each trajectory (default pi/2)",
                "  --steps N                SVI: optimisation steps (default 2000)",
                "  --learning-rate LR       SVI: Adam's learning rate (default 0.05)",
                "  --particles N            SVI: ELBO particles per step (default 4)",
                "  --no-plots               skip the PNG plots",
                "  -h, --help               show this text",
                "",
                "Outputs in DIR: <model>_<chain>.csv (CmdStan format, for ArviZ, cmdstanpy and R; after SVI",
                "<model>_vb.csv in CmdStan's variational format and elbo.csv), summary.csv (the printed",
                "table), run.json (settings, timings, versions), plots/*.png.",
                "");
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        Path model = null;
        Path outDir = null;
        boolean plots = true;
        ModelRunOptions o = new ModelRunOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h": case "--help":
                    out.print(usage());
                    return 0;
                case "--algo": o.algorithm = ModelRun.Algorithm.parse(value(args, ++i, a)); break;
                case "--chains": o.chains = integer(args, ++i, a); break;
                case "--warmup": o.warmup = integer(args, ++i, a); break;
                case "--samples": o.samples = integer(args, ++i, a); break;
                case "--seed": o.seed = longValue(args, ++i, a); break;
                case "--out": outDir = Path.of(value(args, ++i, a)); break;
                case "--dtype": o.dtype = value(args, ++i, a); break;
                case "--target-accept": o.targetAccept = doubleValue(args, ++i, a); break;
                case "--max-depth": o.maxDepth = integer(args, ++i, a); break;
                case "--trajectory-length": o.trajectoryLength = doubleValue(args, ++i, a); break;
                case "--steps": o.steps = integer(args, ++i, a); break;
                case "--learning-rate": o.learningRate = doubleValue(args, ++i, a); break;
                case "--particles": o.particles = integer(args, ++i, a); break;
                case "--no-plots": plots = false; break;
                default:
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("run: unknown option '" + a + "' (see pyrite run --help)");
                    }
                    if (model != null) {
                        throw new IllegalArgumentException("run: one model file, got '" + model + "' and '" + a + "'");
                    }
                    model = Path.of(a);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("run: which model file? (usage: pyrite run MODEL.clj [options])");
        }
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("run: no such model file: " + model);
        }
        long t0 = System.nanoTime();
        FopplProgram program = FopplProgram.load(model);
        double compileSeconds = (System.nanoTime() - t0) / 1e9;
        ModelRun run = o.apply(ModelRun.of(program));
        ModelRun.RunSettings s = run.settings();
        if (System.console() != null) {
            ProgressBar bar = new ProgressBar(err, s.steps());
            run.listener(bar).sviListener(bar);
        }
        out.printf(Locale.ROOT, "%s: %s on %s (parsed in %.2f s)%n", model.getFileName(), s.description(),
                Backend.describe(), compileSeconds);
        RunResult result;
        try {
            result = run.run();
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);   // the model, not the command line: exit 1
        }
        out.println();
        out.print(result.summaryText());
        out.println();
        out.println(result.statsLine());
        if (result.note() != null) {
            out.println("note: " + result.note());
        }
        Path dir = outDir != null ? outDir : Path.of("runs", program.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> commandLine = new ArrayList<>();
        commandLine.add("pyrite");
        commandLine.add("run");
        commandLine.addAll(List.of(args));
        if (plots) {
            result.writeTo(dir, commandLine, model);
        } else {
            result.writeTo(dir, commandLine, model, false);
        }
        out.println("outputs: " + dir);
        return 0;
    }

    /** Parsed option values, applied to a {@link ModelRun}. */
    private static final class ModelRunOptions {
        ModelRun.Algorithm algorithm = ModelRun.Algorithm.NUTS;
        Integer chains;
        Integer warmup;
        Integer samples;
        Long seed;
        String dtype;
        Double targetAccept;
        Integer maxDepth;
        Double trajectoryLength;
        Integer steps;
        Double learningRate;
        Integer particles;

        ModelRun apply(ModelRun r) {
            r.algorithm(algorithm);
            if (chains != null) {
                r.chains(chains);
            }
            if (warmup != null) {
                r.warmup(warmup);
            }
            if (samples != null) {
                r.samples(samples);
            }
            if (seed != null) {
                r.seed(seed);
            }
            if (dtype != null) {
                r.dtype(Backend.parseFloatType(dtype));
            }
            if (targetAccept != null) {
                r.targetAccept(targetAccept);
            }
            if (maxDepth != null) {
                r.maxTreeDepth(maxDepth);
            }
            if (trajectoryLength != null) {
                r.trajectoryLength(trajectoryLength);
            }
            if (steps != null) {
                r.steps(steps);
            }
            if (learningRate != null) {
                r.learningRate(learningRate);
            }
            if (particles != null) {
                r.particles(particles);
            }
            return r;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int integer(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }

    private static long longValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }

    private static double doubleValue(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + v + "'");
        }
    }
}
