package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.SplitRhat;
import dev.pyrite.tensor.TestSeeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pyrite run --checkpoint-every}, {@code pyrite resume}, the stopping rule and {@code --print-program}
 * from the command line. A run is killed with {@code kill -9} (a child JVM, {@link Process#destroyForcibly})
 * and resumed; its files must equal those of a run that was never stopped.
 */
class CheckpointResumeTest {
    private static final String GAUSSIAN = "../examples/gaussian.clj";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int pyrite(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Stan's default windows for 500 warm-up iterations: 75 + (25, 50, 100, 200) + 50 (Stan manual, 15.2). */
    @Test
    void printedProgramOfADefaultNutsRunShowsStansWindows() {
        assertEquals(0, pyrite("run", GAUSSIAN, "--print-program"), out());
        String program = out();
        String[] expected = {"SEQ nuts", "CALL initialise", "SEQ warmup", "REPEAT fast-initial x75", "REPEAT slow-1 x25",
            "REPEAT slow-2 x50", "REPEAT slow-3 x100", "REPEAT slow-4 x200", "REPEAT fast-final x50",
            "REPEAT sampling x1000", "CALL iteration"};
        int at = -1;
        for (String line : expected) {
            int next = program.indexOf(line, at + 1);
            assertTrue(next > at, "'" + line + "' missing or out of order in:\n" + program);
            at = next;
        }
    }

    @Test
    void nutsKilledInSamplingAndResumedWritesTheDrawsOfAnUninterruptedRun() throws Exception {
        long seed = TestSeeds.seed(11);
        String[] settings = {"--chains", "2", "--warmup", "50", "--samples", "1000", "--seed", Long.toString(seed),
            "--no-plots"};
        Path whole = tmp.resolve("whole");
        assertEquals(0, pyrite(KilledRuns.concat(new String[]{"run", GAUSSIAN, "--out", whole.toString()}, settings)), out());

        Path killed = tmp.resolve("killed");
        int at = KilledRuns.runAndKill(KilledRuns.concat(new String[]{"run", GAUSSIAN, "--out", killed.toString(), "--checkpoint-every", "7"},
                settings), killed, "iteration", 160);
        // past the first block of 100 draws: the resume cuts the CSVs back to it and recomputes the rest
        assertTrue(at > 150, "killed after warm-up and a block: checkpoint at iteration " + at);
        // the CSVs grow a block of 100 draws at a time, so a run killed in its first block has none yet
        Path first = killed.resolve("gaussian_1.csv");
        assertTrue(!Files.exists(first) || rows(first) < 1000, "killed before the end");
        assertEquals(0, pyrite("resume", killed.toString()), out());
        assertTrue(out().contains("from iteration"), out());
        for (String f : new String[]{"gaussian_1.csv", "gaussian_2.csv"}) {
            List<String> expected = KilledRuns.withoutTimes(whole.resolve(f));
            assertEquals(1000 + 1, expected.stream().filter(l -> !l.startsWith("#")).count());
            assertEquals(expected, KilledRuns.withoutTimes(killed.resolve(f)), f);
        }
        assertEquals(Files.readString(whole.resolve("summary.csv")), Files.readString(killed.resolve("summary.csv")));
    }

    @Test
    void sviKilledAndResumedFitsTheSameValues() throws Exception {
        long seed = TestSeeds.seed(12);
        String[] settings = {"--algo", "svi", "--steps", "150", "--particles", "1", "--chains", "1", "--samples", "200", "--seed",
            Long.toString(seed), "--no-plots"};
        Path whole = tmp.resolve("whole");
        assertEquals(0, pyrite(KilledRuns.concat(new String[]{"run", GAUSSIAN, "--out", whole.toString()}, settings)), out());

        Path killed = tmp.resolve("killed");
        int at = KilledRuns.runAndKill(KilledRuns.concat(new String[]{"run", GAUSSIAN, "--out", killed.toString(), "--checkpoint-every", "10"},
                settings), killed, "completed", 20);
        assertTrue(at >= 20 && at < 150, "killed mid-fit: checkpoint at step " + at);
        assertEquals(0, pyrite("resume", killed.toString()), out());
        assertTrue(out().contains("from step"), out());
        for (String f : new String[]{"gaussian_vb.csv", "elbo.csv", "summary.csv"}) {
            assertEquals(KilledRuns.withoutTimes(whole.resolve(f)), KilledRuns.withoutTimes(killed.resolve(f)), f);
        }
    }

    /**
     * The stopping rule from the command line, on the Gaussian of examples/gaussian.clj (posterior
     * Normal(4.3333, 1.4907)): sampling stops in rounds of 100 once R-hat and bulk ESS meet the targets.
     */
    @Test
    @Tag(TestSeeds.TAG)
    void stoppingRuleStopsWhenTheTargetsAreMet() throws IOException {
        Path dir = tmp.resolve("until");
        assertEquals(0, pyrite("run", GAUSSIAN, "--chains", "4", "--warmup", "200", "--samples", "5000",
                "--until-rhat", "1.05", "--until-ess", "300", "--seed", Long.toString(TestSeeds.seed(13)),
                "--out", dir.toString(), "--no-plots"), out());
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertEquals("targets_met", run.get("stop_reason").asText());
        assertEquals(1.05, run.get("stopping_rule").get("until_rhat").asDouble());
        assertEquals(300, run.get("stopping_rule").get("until_ess").asDouble());
        assertEquals(5000, run.get("stopping_rule").get("budget").asInt());
        int draws = run.get("draws_per_chain").asInt();
        assertTrue(draws < 5000 && draws % 100 == 0, "stopped at a round's end before the budget: " + draws);
        double[][] x = new double[4][];
        for (int c = 0; c < 4; c++) {
            StanCsvReader csv = StanCsvReader.read(dir.resolve("gaussian_" + (c + 1) + ".csv"));
            int col = csv.columns.indexOf("x");
            x[c] = csv.rows.stream().mapToDouble(r -> r[col]).toArray();
            assertEquals(draws, x[c].length);
        }
        assertTrue(SplitRhat.rhat(x) <= 1.05, "R-hat " + SplitRhat.rhat(x));
        double ess = EffectiveSampleSize.bulk(x);
        assertTrue(ess >= 300, "ESS " + ess);
        // the draws are the posterior's: mean within 4 MCSE of the closed form
        double mean = 0;
        for (double[] chain : x) {
            for (double v : chain) {
                mean += v / (4.0 * draws);
            }
        }
        assertEquals(4.3333333, mean, 4 * Math.sqrt(1 / 0.45) / Math.sqrt(ess));
    }

    private static long rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).count() - 1;
    }
}
