package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder: CmdStan CSVs read back, summary.csv against the printed table, run.json, plots. */
class RunOutputsTest {
    private static final String MODEL = String.join("\n",
            "; a small hierarchical model with a vector site",
            "(let [mu (sample (normal 0 1))",
            "      s  (sample (half-normal 1))",
            "      z  (foreach 3 [] (sample (normal mu s)))]",
            "  (observe (normal z 1) [0.5 1.5 -0.2])",
            "  (* 2 z))");

    @TempDir
    static Path tmp;
    private static Path modelFile;
    private static McmcOutcome result;
    private static Path apiDir;

    @BeforeAll
    static void run() throws IOException {
        modelFile = tmp.resolve("small.clj");
        Files.writeString(modelFile, MODEL);
        result = (McmcOutcome) ModelRun.of(FopplProgram.load(modelFile)).chains(2).warmup(150).samples(120).seed(7).run();
        apiDir = tmp.resolve("api");
        RunWriter.to(apiDir).write(result);
    }

    @Test
    void cmdStanCsvsReadBackAsTheDrawsInMemory() throws IOException {
        McmcSamples m = result.samples();
        for (int c = 0; c < 2; c++) {
            StanCsvReader csv = StanCsvReader.read(apiDir.resolve("small_" + (c + 1) + ".csv"));
            assertEquals(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__",
                    "energy__", "mu", "s", "z.1", "z.2", "z.3", "return.1", "return.2", "return.3"), csv.columns);
            assertEquals(120, csv.rows.size());
            for (String key : List.of("num_samples", "num_warmup", "save_warmup", "thin", "max_depth", "metric",
                    "stan_version_major", "algorithm", "engine", "method", "delta", "seed", "id")) {
                assertTrue(csv.config.containsKey(key), "config lacks " + key + ": " + csv.config);
            }
            assertEquals("120", csv.config.get("num_samples"));
            assertEquals("150", csv.config.get("num_warmup"));
            assertEquals("0", csv.config.get("save_warmup"));
            assertEquals("diag_e", csv.config.get("metric"));
            assertEquals("nuts", csv.config.get("engine"));
            assertEquals(String.valueOf(c + 1), csv.config.get("id"));
            assertEquals(m.adaptedStepSize().getDouble(c), csv.stepSize, 0);
            assertArrayEquals(m.inverseMass().getRow(c).toDoubleVector(), csv.inverseMetric, 0);
            for (String q : result.draws().keySet()) {
                assertArrayEquals(result.draws().get(q)[c], csv.column(CmdStanCsv.columnName(q)), 0, q);
            }
            assertArrayEquals(m.logDensity().getRow(c).toDoubleVector(), csv.column("lp__"), 0);
            assertArrayEquals(m.acceptStat().getRow(c).toDoubleVector(), csv.column("accept_stat__"), 0);
            assertArrayEquals(m.stepSize().getRow(c).toDoubleVector(), csv.column("stepsize__"), 0);
            assertArrayEquals(m.treeDepth().getRow(c).toDoubleVector(), csv.column("treedepth__"), 0);
            assertArrayEquals(m.leapfrogs().getRow(c).toDoubleVector(), csv.column("n_leapfrog__"), 0);
            assertArrayEquals(m.divergent().getRow(c).toDoubleVector(), csv.column("divergent__"), 0);
            assertArrayEquals(m.energy().getRow(c).toDoubleVector(), csv.column("energy__"), 0);
            assertTrue(csv.trailer.stream().anyMatch(l -> l.contains("Elapsed Time")), csv.trailer.toString());
        }
    }

    @Test
    void columnNamesFollowCmdStan() {
        assertEquals("theta.3", CmdStanCsv.columnName("theta[3]"));
        assertEquals("L.2.1", CmdStanCsv.columnName("L[2,1]"));
        assertEquals("a.2.1", CmdStanCsv.columnName("a[2][1]"));
        assertEquals("mu", CmdStanCsv.columnName("mu"));
    }

    @Test
    void theCommandLinePrintsTheTableOfSummaryCsv() throws IOException {
        Path out = tmp.resolve("cli");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"run", modelFile.toString(), "--chains", "2", "--warmup", "150", "--samples",
            "120", "--seed", "7", "--out", out.toString()}, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + stderr);
        // summary.csv parsed back gives the very table that was printed
        List<SummaryRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(String.join(",", SummaryTable.COLUMNS), lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double[] v = new double[9];
            for (int k = 0; k < 9; k++) {
                v[k] = Double.parseDouble(c[k + 1]);
            }
            rows.add(new SummaryRow(c[0], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        }
        String table = SummaryTable.of(rows).toText();
        assertTrue(printed.contains(table), "printed:\n" + printed + "\nsummary.csv as a table:\n" + table);
        // the same seed gives the same run as the Java API
        assertEquals(result.summary().toText(), table);
        assertTrue(printed.contains("gradient evaluations"), printed);
        assertTrue(printed.contains(" divergence"), printed);
        assertTrue(printed.contains("ESS/s"), printed);
        assertTrue(printed.contains("outputs: " + out), printed);
        // no progress bar without a terminal
        assertTrue(!stderr.toString(StandardCharsets.UTF_8).contains("it/s"), stderr.toString(StandardCharsets.UTF_8));
        String command = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile())
                .get("command").asText();
        assertEquals("pyrite run " + modelFile + " --chains 2 --warmup 150 --samples 120 --seed 7 --out " + out, command);
    }

    @Test
    void runJsonRecordsSettingsTimingsAndVersions() throws IOException {
        String text = Files.readString(apiDir.resolve("run.json"));
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("small", json.get("model").asText());
        assertEquals("nuts", json.get("algorithm").asText());
        JsonNode settings = json.get("settings");
        assertEquals(2, settings.get("chains").asInt());
        assertEquals(150, settings.get("warmup").asInt());
        assertEquals(120, settings.get("samples").asInt());
        assertEquals(7, settings.get("seed").asLong());
        assertEquals(7, json.get("seed").asLong());
        assertEquals("float64", json.get("dtype").asText());
        assertEquals("diagonal", settings.get("mass_matrix").asText());
        assertTrue(json.get("backend").isTextual());
        JsonNode timings = json.get("timings_seconds");
        assertEquals(result.warmupSeconds(), timings.get("warmup").asDouble(), 0);
        assertEquals(result.samplingSeconds(), timings.get("sampling").asDouble(), 0);
        assertEquals(result.gradientEvaluations(), json.get("gradient_evaluations").asLong());
        assertEquals(result.divergences(), json.get("divergences").asLong());
        assertEquals(result.essPerSecond(), json.get("ess_bulk_per_second").asDouble(), 0);
        assertEquals(result.maxRhat(), json.get("max_rhat").asDouble(), 0);
        assertEquals(2, json.get("step_size").size());
        assertEquals(result.samples().adaptedStepSize().getDouble(1), json.get("step_size").get(1).asDouble(), 0);
        assertEquals(List.of("mu", "s", "z[1]", "z[2]", "z[3]"), strings(json.get("parameters")));
        assertEquals(List.of("return[1]", "return[2]", "return[3]"), strings(json.get("program_value")));
        assertTrue(strings(json.get("files")).containsAll(List.of("small_1.csv", "small_2.csv", "summary.csv",
                "plots/z.png", "run.json")), json.get("files").toString());
        JsonNode versions = json.get("versions");
        assertEquals("1.0.0-M2.1", versions.get("nd4j").asText());
        for (String key : List.of("pyrite", "java", "os", "jackson")) {
            assertTrue(versions.hasNonNull(key), "versions lack " + key + ": " + versions);
        }
        // written for people as well: two-space indents, "key": value
        assertTrue(text.contains("\n  \"model\": \"small\""), text);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void onePlotPerParameterGroup() throws IOException {
        for (String group : List.of("mu", "s", "z", "return")) {
            Path png = apiDir.resolve("plots").resolve(group + ".png");
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png.toString());
            int rows = group.equals("z") || group.equals("return") ? 3 : 1;
            assertEquals(rows * 180, image.getHeight(), group);
            assertEquals(2 * 520, image.getWidth(), group);
        }
    }

    @Test
    void dtypeFloat32Runs() {
        McmcOutcome r = (McmcOutcome) ModelRun.of(FopplProgram.load(modelFile)).chains(2).warmup(50).samples(20)
                .seed(1).dtype(org.nd4j.linalg.api.buffer.DataType.FLOAT).run();
        assertEquals("float32", r.settings().dtypeName());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, r.samples().draws().dataType());
    }
}
