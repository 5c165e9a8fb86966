package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.program.Call;
import dev.pyrite.inference.program.Element;
import dev.pyrite.inference.program.Sequence;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link McmcRun#checkpoint} and {@link McmcRun#resume}: a run checkpointed after any step and resumed
 * makes exactly the draws of the uninterrupted run (the oracle), whatever the step: initialisation,
 * inside a warm-up window, at a window's end (step-size search restarting), or in sampling.
 */
class McmcRunCheckpointTest {
    private static final int WARMUP = 30;
    private static final int SAMPLES = 20;

    private static MCMC sampler(String kind, long seed) {
        return GaussianRuns.sampler(kind).chains(3).warmup(WARMUP).samples(SAMPLES).seed(seed);
    }

    @Test
    void nutsCheckpointedAfterEveryStepResumesBitForBit(@TempDir Path dir) {
        checkpointAndResume("nuts", 1, dir);
    }

    /** HMC and the dense metric: every third step, to keep the class fast (each resume traces the potential). */
    @ParameterizedTest
    @ValueSource(strings = {"hmc", "nuts-dense"})
    void otherSamplersCheckpointedEveryThirdStepResumeBitForBit(String kind, @TempDir Path dir) {
        checkpointAndResume(kind, 3, dir);
    }

    private static void checkpointAndResume(String kind, int every, Path dir) {
        long seed = TestSeeds.seed(1301);
        McmcSamples reference = sampler(kind, seed).run();
        McmcRun run = sampler(kind, seed).start();
        int steps = 0;
        boolean finished = false;
        while (!finished) {
            finished = run.step();
            steps++;
            if (steps % every != 0) {
                continue;
            }
            Path at = dir.resolve("step" + steps);
            run.checkpoint(at);
            assertTrue(Files.exists(at.resolve(McmcRun.STATE_FILE)) && Files.exists(at.resolve(McmcRun.METADATA_FILE)));
            assertFalse(Files.exists(at.resolve(McmcRun.STATE_FILE + ".tmp")), "temporary state file left behind");
            McmcCheckpoint meta = McmcRun.metadata(at);
            assertEquals(run.iteration(), meta.iteration());
            assertEquals(2, meta.dimension());
            assertEquals(3, meta.chains());
            assertEquals(run.settings().algorithm(), meta.settings().algorithm());
            McmcRun resumed = McmcRun.resume(at, GaussianRuns.potential());
            assertEquals(run.iteration(), resumed.iteration(), kind + " step " + steps);
            SameDraws.assertSame(reference, resumed.run(), kind + ", resumed after step " + steps);
        }
        // 1 initialisation + one step per iteration
        assertEquals(1 + WARMUP + SAMPLES, steps);
        // The checkpointed run itself is unchanged by checkpointing.
        SameDraws.assertSame(reference, run.samples(), kind + ", the run that was checkpointed");
    }

    /** A resumed run's hooks see the iterations after the checkpoint, with the draws the uninterrupted run's hooks saw. */
    @Test
    void resumedHooksContinueWhereTheCheckpointStood(@TempDir Path dir) {
        long seed = TestSeeds.seed(1302);
        List<IterationDraws> all = new ArrayList<>();
        sampler("nuts", seed).start().hook(all::add).run();
        McmcRun run = sampler("nuts", seed).start();
        for (int k = 0; k < 1 + 17; k++) {
            run.step();
        }
        run.checkpoint(dir);
        List<IterationDraws> after = new ArrayList<>();
        McmcRun.resume(dir, GaussianRuns.potential()).hook(after::add).run();
        assertEquals(WARMUP + SAMPLES - 17, after.size());
        for (int k = 0; k < after.size(); k++) {
            IterationDraws expected = all.get(17 + k);
            IterationDraws got = after.get(k);
            assertEquals(expected.iteration(), got.iteration());
            assertEquals(expected.warmup(), got.warmup());
            assertEquals(expected.divergences(), got.divergences());
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.chains().get(c).stats(), got.chains().get(c).stats());
                assertTrue(java.util.Arrays.equals(expected.chains().get(c).position(), got.chains().get(c).position()));
            }
        }
    }

    /** An edited program is resumed with the same edit; its CALLs read the run's last iteration. */
    @Test
    void editedProgramResumesWithTheSameEdit(@TempDir Path dir) {
        long seed = TestSeeds.seed(1303);
        List<Integer> seen = new ArrayList<>();
        McmcRun[] holder = new McmcRun[1];
        UnaryOperator<Element> edit = p -> p.replace("iteration", e -> Sequence.of("iteration+check", e,
                Call.of("check", () -> seen.add(holder[0].lastIteration().iteration()))));
        McmcRun run = sampler("nuts", seed).start();
        holder[0] = run;
        run.program(edit.apply(run.program()));
        // initialise, then each iteration is two steps: iteration and check; stop between the two.
        for (int k = 0; k < 1 + 2 * 10 + 1; k++) {
            run.step();
        }
        run.checkpoint(dir);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), seen);
        McmcRun resumed = McmcRun.resume(dir, GaussianRuns.potential(), edit);
        holder[0] = resumed;
        McmcSamples samples = resumed.run();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < WARMUP + SAMPLES; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen, "the check after iteration 10 runs once, from the restored last iteration");
        SameDraws.assertSame(sampler("nuts", seed).run(), samples, "edited program, resumed");
    }

    @Test
    void resumeNamesAMissingCheckpointAndAWrongDimension(@TempDir Path dir) {
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> McmcRun.resume(dir, GaussianRuns.potential()));
        assertTrue(missing.getMessage().contains("checkpoint.json"), missing.getMessage());
        McmcRun run = sampler("nuts", 1).start();
        run.step();
        run.checkpoint(dir);
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> McmcRun.resume(dir, ChainDriverTest.cauchy(3)));
        assertTrue(wrong.getMessage().contains("dimension 2") && wrong.getMessage().contains("has 3"),
                wrong.getMessage());
    }
}
