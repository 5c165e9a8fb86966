package dev.pyrite.app;

import dev.pyrite.tensor.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The record of a run, {@code run.json}: the model, the settings and seed, the backend and floating-point
 * type, timings (preparation, warm-up, sampling), gradient evaluations, divergences, the smallest bulk
 * ESS and ESS per second of sampling, the largest R-hat, the adapted step sizes, the files written and
 * the versions of Pyrite, ND4J, Java and the operating system.
 */
final class RunJson {
    private RunJson() {
    }

    static String of(RunResult r, List<String> commandLine, Path modelFile, List<Path> files, Path dir) {
        ModelRun.RunSettings s = r.settings();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", r.modelName());
        root.put("model_file", modelFile == null ? null : modelFile.toAbsolutePath().normalize().toString());
        root.put("command", commandLine.isEmpty() ? null : String.join(" ", commandLine));
        root.put("created", Instant.now().toString());
        root.put("algorithm", s.algorithm().id());

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("chains", s.chains());
        settings.put("warmup", s.warmup());
        settings.put("samples", s.samples());
        settings.put("seed", s.seed());
        settings.put("dtype", s.dtypeName());
        settings.put("target_accept", s.targetAccept());
        if (s.algorithm() == ModelRun.Algorithm.NUTS) {
            settings.put("max_tree_depth", s.maxTreeDepth());
        } else if (s.algorithm() == ModelRun.Algorithm.HMC) {
            settings.put("trajectory_length", s.trajectoryLength());
        }
        if (r.isMcmc()) {
            settings.put("mass_matrix", r.samples().inverseMass().rank() == 3 ? "dense" : "diagonal");
        } else if (!r.isExact()) {
            settings.put("guide", r.svi().guide());
            settings.put("optimiser", "Adam");
            settings.put("learning_rate", s.learningRate());
            settings.put("steps", s.steps());
            settings.put("particles", s.particles());
        }
        root.put("settings", settings);
        root.put("seed", s.seed());
        root.put("backend", Backend.describe());
        root.put("dtype", s.dtypeName());
        root.put("threads", Backend.threads());

        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("prepare", r.prepareSeconds());
        if (r.isMcmc()) {
            timings.put("warmup", r.warmupSeconds());
            timings.put("sampling", r.samplingSeconds());
        } else if (r.isExact()) {
            timings.put("enumeration", r.samplingSeconds());
        } else {
            timings.put("optimisation", r.samplingSeconds());
        }
        timings.put("postprocess", r.postprocessSeconds());
        timings.put("total", r.totalSeconds());
        root.put("timings_seconds", timings);
        root.put("gradient_evaluations", r.gradientEvaluations());
        if (r.isMcmc()) {
            root.put("divergences", r.divergences());
            root.put("min_ess_bulk", r.minEssBulk());
            root.put("ess_bulk_per_second", r.essPerSecond());
            root.put("max_rhat", r.maxRhat());
            root.put("step_size", r.samples().adaptedStepSize().toDoubleVector());
        } else if (!r.isExact()) {
            root.put("final_loss", r.svi().finalLoss());
            root.put("draws_from_guide", s.chains() * s.samples());
        }
        root.put("parameters", r.parameters());
        List<String> values = new ArrayList<>(r.draws().keySet());
        values.removeAll(r.parameters());
        root.put("program_value", values);
        if (r.note() != null) {
            root.put("note", r.note());
        }
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(dir.relativize(f).toString().replace('\\', '/'));
        }
        names.add("run.json");
        root.put("files", names);

        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("pyrite", pyriteVersion());
        versions.put("nd4j", mavenVersion(Nd4j.class, "org.nd4j", "nd4j-api"));
        versions.put("xchart", mavenVersion(org.knowm.xchart.XYChart.class, "org.knowm.xchart", "xchart"));
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        versions.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("versions", versions);
        return Json.write(root);
    }

    static String pyriteVersion() {
        String v = RunJson.class.getPackage().getImplementationVersion();
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
            // fall through
        }
        String v = anchor.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
