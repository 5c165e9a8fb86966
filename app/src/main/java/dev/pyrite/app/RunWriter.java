package dev.pyrite.app;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.tensor.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes the output folder of any {@link RunResult}, the one place that does:
 * <ul>
 *   <li>MCMC: one CmdStan CSV per chain ({@code <model>_<chain>.csv}), {@code summary.csv},
 *       {@code plots/*.png}, {@code run.json};</li>
 *   <li>SVI: {@code <model>_vb.csv} in CmdStan's variational format, {@code elbo.csv}, {@code summary.csv},
 *       {@code plots/*.png}, {@code run.json};</li>
 *   <li>exact inference: {@code summary.csv}, {@code marginals.csv}, {@code run.json}.</li>
 * </ul>
 * {@code run.json} records the model, the settings and seed, the backend and floating-point type, timings,
 * gradient evaluations, divergences, the draws made and why sampling stopped (with the stopping rule's
 * targets), the smallest bulk ESS and ESS per second, the largest R-hat, the
 * adapted step sizes, the files written and the versions of Pyrite, ND4J, Java and the operating system.
 *
 * <pre>{@code
 * List<Path> files = RunWriter.to(Path.of("runs/eight_schools")).write(result);
 * }</pre>
 */
public final class RunWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String> commandLine;
    private final Path modelFile;
    private final boolean plots;
    private final boolean chainCsvsWritten;

    private RunWriter(Path dir, List<String> commandLine, Path modelFile, boolean plots, boolean chainCsvsWritten) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.commandLine = List.copyOf(commandLine);
        this.modelFile = modelFile;
        this.plots = plots;
        this.chainCsvsWritten = chainCsvsWritten;
    }

    /** A writer into {@code dir} (created if missing), with plots, recording no command line or model file. */
    public static RunWriter to(Path dir) {
        return new RunWriter(dir, List.of(), null, true, false);
    }

    /** This writer, recording the command line in {@code run.json}. */
    public RunWriter commandLine(List<String> words) {
        return new RunWriter(dir, words, modelFile, plots, chainCsvsWritten);
    }

    /** This writer, recording the model file in {@code run.json}. */
    public RunWriter modelFile(Path file) {
        return new RunWriter(dir, commandLine, file, plots, chainCsvsWritten);
    }

    /** This writer, with or without the PNG plots. */
    public RunWriter plots(boolean on) {
        return new RunWriter(dir, commandLine, modelFile, on, chainCsvsWritten);
    }

    /**
     * This writer, for an MCMC run whose chain CSVs are already in the folder, appended as the draws came
     * ({@link ModelRun#csvTo}): it lists them in {@code run.json} and leaves them as they are.
     */
    public RunWriter chainCsvsWritten(boolean written) {
        return new RunWriter(dir, commandLine, modelFile, plots, written);
    }

    /** The output folder. */
    public Path dir() {
        return dir;
    }

    /** Writes the outputs of {@code result}; returns the files written, {@code run.json} last. */
    public List<Path> write(RunResult result) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            // Java 17 has no pattern switch: the sealed type's three cases in turn
            if (result instanceof McmcOutcome m) {
                if (chainCsvsWritten) {
                    for (int c = 0; c < m.settings().chains(); c++) {
                        written.add(CmdStanCsv.file(dir, m.modelName(), c + 1));
                    }
                } else {
                    written.addAll(CmdStanCsv.write(m, dir));
                }
            } else if (result instanceof SviOutcome v) {
                written.addAll(CmdStanCsv.writeVariational(v, dir));
            }
            if (result instanceof ExactOutcome e) {
                written.add(exactSummaryCsv(e));
                written.add(marginalsCsv(e));
            } else {
                written.add(summaryCsv(result));
                if (plots) {
                    written.addAll(PosteriorPlots.write(result.draws(), result.groups(), dir.resolve("plots")));
                }
            }
            Path json = dir.resolve("run.json");
            Files.writeString(json, runJson(result, written), StandardCharsets.UTF_8);
            written.add(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private Path summaryCsv(RunResult r) throws IOException {
        Path f = dir.resolve("summary.csv");
        Files.writeString(f, r.summary().toCsv(), StandardCharsets.UTF_8);
        return f;
    }

    /** The columns of an MCMC summary; the Monte Carlo ones are 0 (MCSE) or NA. */
    private Path exactSummaryCsv(ExactOutcome e) throws IOException {
        StringBuilder s = new StringBuilder("variable,mean,sd,mcse_mean,q5,q50,q95,rhat,ess_bulk,ess_tail\n");
        for (ExactOutcome.Row r : e.rows()) {
            s.append(r.variable()).append(',').append(r.mean()).append(',').append(r.sd()).append(",0,")
                    .append(csv(r.q5())).append(',').append(csv(r.q50())).append(',').append(csv(r.q95()))
                    .append(",NA,NA,NA\n");
        }
        Path f = dir.resolve("summary.csv");
        Files.writeString(f, s, StandardCharsets.UTF_8);
        return f;
    }

    private Path marginalsCsv(ExactOutcome e) throws IOException {
        StringBuilder m = new StringBuilder("variable,value,probability\n");
        for (ExactOutcome.Probability p : e.probabilities()) {
            m.append(p.variable()).append(',').append(p.value()).append(',').append(p.probability()).append('\n');
        }
        Path f = dir.resolve("marginals.csv");
        Files.writeString(f, m, StandardCharsets.UTF_8);
        return f;
    }

    private static String csv(double x) {
        return Double.isNaN(x) ? "NA" : String.valueOf(x);
    }

    /** run.json: see the class comment. Non-finite numbers are written as null (JSON has no NaN). */
    String runJson(RunResult r, List<Path> files) throws IOException {
        RunSettings s = r.settings();
        ObjectNode root = JSON.createObjectNode();
        root.put("model", r.modelName());
        root.put("model_file", modelFile == null ? null : modelFile.toAbsolutePath().normalize().toString());
        root.put("command", commandLine.isEmpty() ? null : String.join(" ", commandLine));
        root.put("created", Instant.now().toString());
        root.put("algorithm", s.algorithm().id());

        ObjectNode settings = root.putObject("settings");
        settings.put("chains", s.chains());
        settings.put("warmup", s.warmup());
        settings.put("samples", s.samples());
        settings.put("seed", s.seed());
        settings.put("dtype", s.dtypeName());
        settings.put("target_accept", s.targetAccept());
        if (s.algorithm() == Algorithm.NUTS) {
            settings.put("max_tree_depth", s.maxTreeDepth());
        } else if (s.algorithm() == Algorithm.HMC) {
            settings.put("trajectory_length", s.trajectoryLength());
        }
        if (r instanceof McmcOutcome m) {
            settings.put("mass_matrix", m.denseMass() ? "dense" : "diagonal");
            settings.put("executor", s.executor().name().toLowerCase(java.util.Locale.ROOT));
        } else if (r instanceof SviOutcome v) {
            settings.put("guide", v.fit().guide());
            settings.put("optimiser", "Adam");
            settings.put("learning_rate", s.learningRate());
            settings.put("steps", s.steps());
            settings.put("particles", s.particles());
        }
        root.put("seed", s.seed());
        root.put("backend", Backend.describe());
        root.put("dtype", s.dtypeName());
        root.put("threads", Backend.threads());

        ObjectNode timings = root.putObject("timings_seconds");
        timings.put("prepare", r.prepareSeconds());
        if (r instanceof McmcOutcome m) {
            timings.put("warmup", m.warmupSeconds());
            timings.put("sampling", m.samplingSeconds());
            timings.put("postprocess", m.postprocessSeconds());
        } else if (r instanceof SviOutcome v) {
            timings.put("optimisation", v.fit().seconds());
            timings.put("postprocess", v.postprocessSeconds());
        } else if (r instanceof ExactOutcome e) {
            timings.put("enumeration", e.seconds());
            timings.put("postprocess", 0.0);
        }
        timings.put("total", r.totalSeconds());
        if (r instanceof McmcOutcome m) {
            root.put("gradient_evaluations", m.gradientEvaluations());
            root.put("divergences", m.divergences());
            root.put("draws_per_chain", m.samples().drawCount());
            root.put("stop_reason", m.samples().stopReason().name().toLowerCase(java.util.Locale.ROOT));
            ObjectNode targets = root.putObject("stopping_rule");
            number(targets, "until_rhat", s.untilRhat() > 0 ? s.untilRhat() : Double.NaN);
            number(targets, "until_ess", s.untilEss() > 0 ? s.untilEss() : Double.NaN);
            targets.put("budget", s.samples());
            number(root, "min_ess_bulk", m.minEssBulk());
            number(root, "ess_bulk_per_second", m.essPerSecond());
            number(root, "max_rhat", m.maxRhat());
            if (!Double.isNaN(m.elbo())) {
                number(root, "elbo", m.elbo());
            }
            ArrayNode steps = root.putArray("step_size");
            for (double h : m.samples().adaptedStepSize().toDoubleVector()) {
                steps.add(h);
            }
        } else if (r instanceof SviOutcome v) {
            root.put("gradient_evaluations", v.gradientEvaluations());
            number(root, "final_loss", v.fit().finalLoss());
            root.put("draws_from_guide", s.chains() * s.samples());
        } else {
            root.put("gradient_evaluations", 0);
        }
        ArrayNode parameters = root.putArray("parameters");
        r.parameters().forEach(parameters::add);
        ArrayNode values = root.putArray("program_value");
        r.draws().keySet().stream().filter(q -> !r.parameters().contains(q)).forEach(values::add);
        if (r.note() != null) {
            root.put("note", r.note());
        }
        ArrayNode names = root.putArray("files");
        for (Path f : files) {
            names.add(dir.relativize(f).toString().replace('\\', '/'));
        }
        names.add("run.json");

        ObjectNode versions = root.putObject("versions");
        versions.put("pyrite", pyriteVersion());
        versions.put("nd4j", mavenVersion(Nd4j.class, "org.nd4j", "nd4j-api"));
        versions.put("xchart", mavenVersion(org.knowm.xchart.XYChart.class, "org.knowm.xchart", "xchart"));
        versions.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        versions.put("cpus", Runtime.getRuntime().availableProcessors());
        return JSON.writer(prettyPrinter()).writeValueAsString(root) + "\n";
    }

    /** Two-space indents and {@code "key": value}, as people write JSON by hand. */
    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators).withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    static String pyriteVersion() {
        String v = RunWriter.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT (classes)";
    }

    private static String mavenVersion(Class<?> anchor, String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version");
            }
        } catch (IOException e) {
            // no pom.properties: fall back to the manifest
        }
        String v = anchor.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
