package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.NestedRhat;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.tensor.TestSeeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --algo chees|meads} with {@code --checkpoint-every}, {@code pyrite resume} and the stopping rule:
 * a run killed ({@code kill -9}, or an exception mid-run) and resumed writes the CSVs and summary of a run
 * that was never stopped, and {@code --until-rhat}/{@code --until-ess} with {@code --superchains} stop where
 * nested R-hat and bulk ESS, computed here from the CSVs, meet the targets.
 */
class EnsembleCheckpointResumeTest {
    private static final String GAUSSIAN = "../examples/gaussian.clj";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int pyrite(String... args) {
        out.reset();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Main.run(args, o, o);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printedProgramOfAChEESRunWithAStoppingRuleShowsItsRounds() {
        assertEquals(0, pyrite("run", GAUSSIAN, "--algo", "chees", "--chains", "8", "--warmup", "100",
                "--until-ess", "400", "--print-program"), out());
        String program = out();
        String[] expected = {"SEQ chees", "CALL initialise", "REPEAT warmup x100", "CALL iteration",
            "LOOP sampling", "REPEAT round x100", "CALL iteration"};
        int at = -1;
        for (String line : expected) {
            int next = program.indexOf(line, at + 1);
            assertTrue(next > at, "'" + line + "' missing or out of order in:\n" + program);
            at = next;
        }
    }

    @Test
    void aStoppingRuleForASamplerWithoutOneIsAUsageError() {
        assertEquals(2, pyrite("run", GAUSSIAN, "--algo", "dhmc", "--until-ess", "400"), out());
        assertTrue(out().contains("--until-rhat and --until-ess apply to --algo nuts, hmc, chees and meads, got --algo"
                + " dhmc"), out());
    }

    @Test
    void cheesKilledInSamplingAndResumedWritesTheDrawsOfAnUninterruptedRun() throws Exception {
        long seed = TestSeeds.seed(61);
        String[] settings = {"--algo", "chees", "--chains", "8", "--superchains", "4", "--warmup", "50",
            "--samples", "3000", "--seed", Long.toString(seed), "--no-plots"};
        Path whole = tmp.resolve("whole");
        assertEquals(0, pyrite(KilledRuns.concat(new String[]{"run", GAUSSIAN, "--out", whole.toString()}, settings)), out());

        Path killed = tmp.resolve("killed");
        int at = KilledRuns.runAndKill(KilledRuns.concat(new String[]{"run", GAUSSIAN, "--out", killed.toString(),
                "--checkpoint-every", "7"}, settings), killed, "iteration", 160);
        assertTrue(at > 150 && at < 3050, "killed after warm-up and a block, before the end: iteration " + at);
        assertEquals(0, pyrite("resume", killed.toString()), out());
        assertTrue(out().contains("resuming CHEES") && out().contains("from iteration " + at), out());
        assertSameOutputs(whole, killed, 8, 3000);
    }

    /** MEADS stopped by an exception in iteration 260 (checkpoints every 25) and resumed through the Java API. */
    @Test
    void meadsStoppedMidRunAndResumedWritesTheDrawsOfAnUninterruptedRun() throws IOException {
        long seed = TestSeeds.seed(62);
        FopplProgram program = FopplProgram.load(Path.of(GAUSSIAN));
        ModelRun whole = ModelRun.of(program).algorithm(Algorithm.MEADS).chains(8).warmup(100).samples(400)
                .seed(seed);
        Path wholeDir = tmp.resolve("whole");
        RunWriter.to(wholeDir).plots(false).chainCsvsWritten(true).write(whole.csvTo(wholeDir).run());

        Path stoppedDir = tmp.resolve("stopped");
        Path checkpoint = stoppedDir.resolve("checkpoint");
        ModelRun stopped = ModelRun.of(program).settings(whole.settings().withCheckpointEvery(25))
                .checkpointTo(checkpoint).csvTo(stoppedDir).listener(new McmcListener() {
                    @Override
                    public void iteration(int done, int total, boolean warmup, double stepSize, long divergences) {
                        if (done == 260) {
                            throw new IllegalStateException("stopped at iteration 260");
                        }
                    }
                });
        assertThrows(IllegalStateException.class, stopped::run);
        assertEquals(250, dev.pyrite.inference.ensemble.EnsembleRun.metadata(checkpoint).iteration());
        ModelRun resumed = ModelRun.of(program).settings(whole.settings().withCheckpointEvery(25))
                .checkpointTo(checkpoint).csvTo(stoppedDir).resumeFrom(checkpoint);
        RunWriter.to(stoppedDir).plots(false).chainCsvsWritten(true).write(resumed.run());
        assertSameOutputs(wholeDir, stoppedDir, 8, 400);
    }

    /**
     * The issue's workflow, scaled down: 64 chains in 8 superchains of ChEES on examples/gaussian.clj
     * (posterior Normal(4.3333, 1.4907)), rounds of 100 draws until nested R-hat &lt;= 1.01 and bulk ESS
     * &gt;= 1000. The stop reason and rule go into run.json; nested R-hat and ESS from the CSVs meet the rule.
     */
    @Test
    @Tag(TestSeeds.TAG)
    void cheesWithSuperchainsStopsWhenNestedRhatAndEssMeetTheTargets() throws IOException {
        Path dir = tmp.resolve("until");
        int chains = 64;
        int k = 8;
        assertEquals(0, pyrite("run", GAUSSIAN, "--algo", "chees", "--chains", "64", "--superchains", "8",
                "--warmup", "100", "--samples", "3000", "--until-rhat", "1.01", "--until-ess", "1000", "--seed",
                Long.toString(TestSeeds.seed(63)), "--out", dir.toString(), "--no-plots"), out());
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertEquals("targets_met", run.get("stop_reason").asText());
        assertEquals(1.01, run.get("stopping_rule").get("until_rhat").asDouble());
        assertEquals(1000, run.get("stopping_rule").get("until_ess").asDouble());
        assertEquals(3000, run.get("stopping_rule").get("budget").asInt());
        int draws = run.get("draws_per_chain").asInt();
        assertTrue(draws < 3000 && draws % 100 == 0, "stopped at a round's end before the budget: " + draws);
        double[][] x = new double[chains][];
        for (int c = 0; c < chains; c++) {
            StanCsvReader csv = StanCsvReader.read(dir.resolve("gaussian_" + (c + 1) + ".csv"));
            int col = csv.columns.indexOf("x");
            x[c] = csv.rows.stream().mapToDouble(r -> r[col]).toArray();
            assertEquals(draws, x[c].length);
        }
        double nested = NestedRhat.of(x, k);
        double ess = EffectiveSampleSize.bulk(x);
        assertTrue(nested <= 1.01, "nested R-hat " + nested);
        assertTrue(ess >= 1000, "ESS " + ess);
        double mean = Arrays.stream(x).flatMapToDouble(Arrays::stream).average().orElseThrow();
        assertEquals(4.3333333, mean, 4 * Math.sqrt(1 / 0.45) / Math.sqrt(ess));
    }

    private static void assertSameOutputs(Path whole, Path stopped, int chains, int draws) throws IOException {
        for (int c = 1; c <= chains; c++) {
            String f = "gaussian_" + c + ".csv";
            List<String> expected = KilledRuns.withoutTimes(whole.resolve(f));
            assertEquals(draws + 1, expected.stream().filter(l -> !l.startsWith("#")).count(), f);
            assertEquals(expected, KilledRuns.withoutTimes(stopped.resolve(f)), f);
        }
        assertEquals(Files.readString(whole.resolve("summary.csv")), Files.readString(stopped.resolve("summary.csv")));
    }

}
