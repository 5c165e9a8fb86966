package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pyrite.tensor.TestSeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL ({@link Process#destroyForcibly()}) in a child JVM in the middle of warm-up,
 * and another in the middle of sampling, resumed in this JVM from the last checkpoint, make draws
 * bit-identical to an uninterrupted run with the same seed.
 */
class McmcKillResumeTest {
    private static final int WARMUP = 150;
    private static final int SAMPLES = 100;
    private static final int EVERY = 7;
    private static final long PATIENCE_MILLIS = 120_000;

    @Test
    void killedInWarmupResumesBitForBit(@TempDir Path dir) throws Exception {
        killResumeAndCompare(dir, TestSeeds.seed(1311), 60, WARMUP);
    }

    @Test
    void killedInSamplingResumesBitForBit(@TempDir Path dir) throws Exception {
        killResumeAndCompare(dir, TestSeeds.seed(1312), WARMUP + 40, WARMUP + SAMPLES);
    }

    /** Kills the child once a checkpoint at iteration {@code killFrom} or later exists; it must lie before {@code phaseEnd}. */
    private static void killResumeAndCompare(Path dir, long seed, int killFrom, int phaseEnd) throws Exception {
        Path state = dir.resolve("run");
        Path log = dir.resolve("child.log");
        Process child = startChild(state, seed, killFrom, log);
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        try {
            while (true) {
                if (!child.isAlive()) {
                    fail("the child ended (exit " + child.exitValue() + ") before it was killed:\n" + Files.readString(log));
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("no checkpoint at iteration >= " + killFrom + " within " + PATIENCE_MILLIS + " ms:\n"
                            + Files.readString(log));
                }
                if (Files.exists(state.resolve(McmcRun.METADATA_FILE))
                        && McmcRun.metadata(state).iteration() >= killFrom) {
                    break;
                }
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        int at = McmcRun.metadata(state).iteration();
        assertTrue(at >= killFrom && at < phaseEnd, "killed at checkpoint iteration " + at + ", expected in ["
                + killFrom + ", " + phaseEnd + ")");
        McmcSamples resumed = McmcRun.resume(state, GaussianRuns.potential()).run();
        McmcSamples uninterrupted = CheckpointingRunMain.sampler(seed, WARMUP, SAMPLES).run();
        SameDraws.assertSame(uninterrupted, resumed, "killed at checkpoint iteration " + at + " and resumed");
    }

    private static Process startChild(Path state, long seed, int slowFrom, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CheckpointingRunMain.class.getName(),
                state.toString(), Long.toString(seed), Integer.toString(WARMUP), Integer.toString(SAMPLES),
                Integer.toString(EVERY), Integer.toString(slowFrom)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
