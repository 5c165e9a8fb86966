package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.distributions.HalfNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java model runs through the same run layer as a model file: its CmdStan CSVs, read back as cmdstanpy
 * scans them, have the very columns the equivalent model file's have, and hold the draws in memory.
 */
class JavaModelRunTest {
    private static final double[] Y = {0.5, 1.5, -0.2};

    /** mu ~ N(0, 1), s ~ HalfNormal(1), z[i] ~ N(mu, s), y[i] ~ N(z[i], 1), as plain Java. */
    private static void model() {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 1));
        Tensor s = Pyrite.sample("s", HalfNormal.of(1));
        try (Plate points = Pyrite.plate("points", Y.length)) {
            Tensor z = Pyrite.sample("z", Normal.of(mu, s));
            Pyrite.sample("y", Normal.of(z, Tensor.scalar(1)), Tensor.of(Y));
        }
    }

    /** The same model as a model file; its value is nil, so it reports no program value. */
    private static final String MODEL_FILE = String.join("\n",
            "(let [mu (sample (normal 0 1))",
            "      s  (sample (half-normal 1))",
            "      z  (foreach 3 [] (sample (normal mu s)))]",
            "  (observe (normal z 1) [0.5 1.5 -0.2])",
            "  nil)");

    private static final RunSettings SHORT = RunSettings.defaults().withChains(2).withWarmup(60).withSamples(30)
            .withSeed(5);

    @Test
    void aJavaModelsCsvsHaveTheNamesOfTheSameModelFile(@TempDir Path tmp) throws IOException {
        McmcOutcome java = (McmcOutcome) ModelRun.of("small", JavaModelRunTest::model).settings(SHORT).run();
        List<Path> javaFiles = RunWriter.to(tmp.resolve("java")).plots(false).write(java);
        Files.writeString(tmp.resolve("small.clj"), MODEL_FILE);
        RunResult file = ModelRun.of(FopplProgram.load(tmp.resolve("small.clj"))).settings(SHORT).run();
        RunWriter.to(tmp.resolve("file")).plots(false).write(file);

        assertEquals(List.of("small_1.csv", "small_2.csv", "summary.csv", "run.json"),
                javaFiles.stream().map(f -> f.getFileName().toString()).toList());
        assertEquals(List.of("mu", "s", "z[1]", "z[2]", "z[3]"), List.copyOf(java.draws().keySet()));
        assertEquals(List.copyOf(file.draws().keySet()), List.copyOf(java.draws().keySet()));
        for (int c = 1; c <= 2; c++) {
            StanCsvReader fromJava = StanCsvReader.read(tmp.resolve("java/small_" + c + ".csv"));
            StanCsvReader fromFile = StanCsvReader.read(tmp.resolve("file/small_" + c + ".csv"));
            assertEquals(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__",
                    "energy__", "mu", "s", "z.1", "z.2", "z.3"), fromJava.columns);
            assertEquals(fromFile.columns, fromJava.columns);
            assertEquals(30, fromJava.rows.size());
            assertEquals("pyrite (Java model small)", fromJava.config.get("stanc_version"));
            assertEquals("pyrite (FOPPL model small.clj)", fromFile.config.get("stanc_version"));
            for (String q : java.draws().keySet()) {
                // bit for bit: the CSV holds the draws in memory
                assertArrayEquals(java.draws().get(q)[c - 1], fromJava.column(CmdStanCsv.columnName(q)), 0, q);
            }
        }
        assertEquals(java.summary().rows().stream().map(r -> r.variable()).toList(),
                file.summary().rows().stream().map(r -> r.variable()).toList());
        assertTrue(Files.readString(tmp.resolve("java/run.json")).contains("\"model\": \"small\""));
    }

    @Test
    void aJavaModelRunsUnderSviToo() {
        SviOutcome r = (SviOutcome) ModelRun.of(JavaModelRunTest::model)
                .settings(SHORT.withAlgorithm(Algorithm.SVI).withSteps(20)).run();
        assertEquals(List.of("mu", "s", "z[1]", "z[2]", "z[3]"), List.copyOf(r.draws().keySet()));
        assertEquals("model", r.modelName());
        assertEquals(2, r.draws().get("z[3]").length);
        assertEquals(30, r.draws().get("z[3]")[1].length);
    }

    @Test
    void exactInferenceNeedsAModelFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelRun.of(JavaModelRunTest::model).algorithm(Algorithm.ENUM).run());
        assertTrue(e.getMessage().contains("--algo enum runs model files only"), e.getMessage());
    }

    @Test
    void aModelNameMustNameFiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelRun.of("../evil", JavaModelRunTest::model));
        assertTrue(e.getMessage().contains("got '../evil'"), e.getMessage());
    }
}
