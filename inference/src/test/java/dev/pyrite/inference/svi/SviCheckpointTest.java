package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.LogNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint of an SVI run taken after every step, each resumed into a freshly built SVI, continues
 * to exactly the losses and parameters of the uninterrupted fit: the parameters, every optimiser's
 * moments and step count (the schedule's position), the random stream (noise and subsample indices) and
 * the score-function baseline are all in the state. The oracle is the uninterrupted fit itself, compared
 * bit for bit; a resume that restarted the moments or the stream would differ at the first step.
 */
class SviCheckpointTest {
    static final int STEPS = 5;
    static final Tensor X = Tensor.of(0.3, -1.2, 2.2, 0.7, 1.9, -0.4, 1.1, 0.2);

    /** A location and a scale, with the data in a plate subsampled 3 of 8 at each step. */
    static void model(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
        Tensor sigma = Pyrite.sample("sigma", LogNormal.of(0, 1));
        try (Plate p = Pyrite.plate("data", args[0].size(0), 3)) {
            Pyrite.sample("x", Normal.of(mu, sigma), p.subsample(args[0]));
        }
    }

    /** Each optimiser family; Adam is resumed from a checkpoint after every step, the others from the middle one. */
    static Stream<Arguments> optimisers() {
        return Stream.of(
                Arguments.of("Adam", true, (Supplier<Optimiser>) () -> Adam.of(0.05)),
                Arguments.of("Adam, exponential schedule", false, (Supplier<Optimiser>) () ->
                        Adam.of(LearningRateSchedule.exponential(0.1, 0.7), 0.9, 0.999)),
                Arguments.of("ClippedAdam", false, (Supplier<Optimiser>) () -> ClippedAdam.of(0.05, 1.0, 0.9)),
                Arguments.of("RmsProp", false, (Supplier<Optimiser>) () -> RmsProp.of(0.05, 0.9)),
                Arguments.of("AdaGrad", false, (Supplier<Optimiser>) () -> AdaGrad.of(0.2)),
                Arguments.of("Sgd with momentum, step schedule", false, (Supplier<Optimiser>) () ->
                        Sgd.of(LearningRateSchedule.step(0.01, 2, 0.5), 0.9)));
    }

    private static SVI fit(Supplier<Optimiser> optimiser, long seed) {
        return new SVI(SviCheckpointTest::model, AutoNormal.of(SviCheckpointTest::model), optimiser.get(),
                TraceELBO.of(2)).seed(seed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimisers")
    void aCheckpointResumesBitForBit(String name, boolean everyStep, Supplier<Optimiser> optimiser,
                                     @TempDir Path dir) {
        long seed = TestSeeds.seed(11);
        SviRun whole = fit(optimiser, seed).start(STEPS, X).run();

        SviRun stepped = fit(optimiser, seed).start(STEPS, X);
        List<Path> checkpoints = new ArrayList<>();
        for (int k = 0; k <= STEPS; k++) {
            Path at = dir.resolve("after-" + k);
            stepped.checkpoint(at);
            checkpoints.add(at);
            if (k < STEPS) {
                assertEquals(k == STEPS - 1, stepped.step());
            }
        }
        assertIdentical(whole, stepped, name + ", stepped by hand");
        for (int k = everyStep ? 0 : STEPS / 2; k <= (everyStep ? STEPS : STEPS / 2); k++) {
            SviRun resumed = SviRun.resume(checkpoints.get(k), fit(optimiser, seed + 1));
            assertEquals(k, resumed.completed());
            assertIdentical(whole, resumed.run(), name + ", resumed after " + k + " steps");
        }
    }

    /** Beta-Bernoulli with a Beta guide: the score-function path, its baseline and its split streams. */
    @Test
    void aScoreFunctionFitResumesBitForBit(@TempDir Path dir) {
        long seed = TestSeeds.seed(12);
        Supplier<SVI> build = () -> new SVI(ScoreFunctionTest::model, ScoreFunctionTest::guide, Adam.of(0.05),
                TraceELBO.of(4)).seed(seed);
        SviRun whole = build.get().start(STEPS, ScoreFunctionTest.Y).run();
        SviRun stepped = build.get().start(STEPS, ScoreFunctionTest.Y);
        stepped.step();
        stepped.step();
        stepped.checkpoint(dir);
        assertIdentical(whole, SviRun.resume(dir, build.get()).run(), "score function, resumed after 2 steps");
    }

    /** The old way, parameters saved and loaded, restarts Adam's moments: it is not the same fit. */
    @Test
    void loadingParametersAloneIsNotAResume(@TempDir Path dir) throws Exception {
        long seed = TestSeeds.seed(13);
        SviRun whole = fit(() -> Adam.of(0.05), seed).start(4, X).run();
        SVI first = fit(() -> Adam.of(0.05), seed);
        first.run(2, X);
        first.saveParams(dir.resolve("params.txt"));
        SVI second = fit(() -> Adam.of(0.05), seed);
        second.loadParams(dir.resolve("params.txt"));
        second.run(2, X);
        assertTrue(second.store().unconstrained("AutoNormal.loc.mu").item()
                != whole.svi().store().unconstrained("AutoNormal.loc.mu").item());
    }

    @Test
    void theProgramPrintsAndTheMetadataNamesTheSettings(@TempDir Path dir) throws Exception {
        SviRun run = fit(() -> Adam.of(0.05), 1).start(3, X);
        assertEquals("REPEAT svi x3\n  CALL svi-step\n", run.program().toString());
        run.step();
        run.checkpoint(dir);
        String json = Files.readString(dir.resolve(SviRun.METADATA_FILE));
        assertTrue(json.contains("\"completed\" : 1") && json.contains("Adam") && json.contains("TraceELBO"), json);
        SVI other = new SVI(SviCheckpointTest::model, AutoNormal.of(SviCheckpointTest::model), RmsProp.of(0.05, 0.9),
                TraceELBO.of(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SviRun.resume(dir, other));
        assertTrue(e.getMessage().contains("optimiser Adam") && e.getMessage().contains("optimiser RmsProp"),
                e.getMessage());
    }

    static void assertIdentical(SviRun expected, SviRun actual, String what) {
        assertArrayEquals(expected.losses(), actual.losses(), what + ": losses");
        ParamStore a = expected.svi().store();
        ParamStore b = actual.svi().store();
        assertEquals(List.copyOf(a.names()), List.copyOf(b.names()), what + ": parameter names");
        for (String p : a.names()) {
            assertArrayEquals(a.unconstrained(p).shape(), b.unconstrained(p).shape(), what + ": shape of " + p);
            assertEquals(a.unconstrained(p).dtype(), b.unconstrained(p).dtype(), what + ": dtype of " + p);
            assertArrayEquals(a.unconstrained(p).toDoubleArray(), b.unconstrained(p).toDoubleArray(),
                    what + ": parameter " + p);
            assertEquals(a.constraint(p).name(), b.constraint(p).name(), what + ": constraint of " + p);
        }
        assertEquals(expected.svi().optimiser().steps(), actual.svi().optimiser().steps(), what + ": optimiser steps");
    }
}
