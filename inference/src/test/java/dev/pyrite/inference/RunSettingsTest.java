package dev.pyrite.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyrite.tensor.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** RunSettings checks every setting once, naming the option and the value expected; withX copies change one field. */
class RunSettingsTest {
    private static final RunSettings D = RunSettings.defaults();

    private static void refused(String message, Supplier<RunSettings> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsAreStansAndPyrites() {
        assertEquals(Algorithm.NUTS, D.algorithm());
        assertEquals(4, D.chains());
        assertEquals(500, D.warmup());
        assertEquals(1000, D.samples());
        assertEquals(0, D.seed());
        assertEquals(DataType.DOUBLE, D.dtype());
        assertEquals(0.8, D.targetAccept());
        assertEquals(10, D.maxTreeDepth());
        assertEquals(Math.PI / 2, D.trajectoryLength());
        assertEquals("uniform", D.init());
        assertEquals("NUTS, 4 chains x (500 warm-up + 1000 draws), seed 0, float64", D.description());
    }

    @Test
    void badValuesAreRefusedWithTheirOption() {
        refused("--chains must be >= 1, got 0", () -> D.withChains(0));
        refused("--warmup must be >= 0, got -1", () -> D.withWarmup(-1));
        refused("--samples must be >= 4 (R-hat and ESS need them), got 3", () -> D.withSamples(3));
        refused("--dtype must be float64 or float32, got HALF", () -> D.withDtype(DataType.HALF));
        refused("--target-accept must be in (0, 1), got 1.0", () -> D.withTargetAccept(1));
        refused("--target-accept must be in (0, 1), got NaN", () -> D.withTargetAccept(Double.NaN));
        refused("--max-depth must be >= 1, got 0", () -> D.withMaxTreeDepth(0));
        refused("--trajectory-length must be > 0 and finite, got 0.0", () -> D.withTrajectoryLength(0));
        refused("--steps must be >= 1, got 0", () -> D.withSteps(0));
        refused("--learning-rate must be > 0 and finite, got -0.1", () -> D.withLearningRate(-0.1));
        refused("--particles must be >= 1, got 0", () -> D.withParticles(0));
        refused("--checkpoint-every must be >= 0, got -5", () -> D.withCheckpointEvery(-5));
        refused("--until-rhat must be > 1 (or 0: no rule), got 0.99", () -> D.withUntilRhat(0.99));
        refused("--until-ess must be > 0 (or 0: no rule), got -1.0", () -> D.withUntilEss(-1));
        refused("--superchains must divide --chains (4) evenly, got 3", () -> D.withSuperchains(3));
        refused("--init must be uniform or pathfinder, got 'zero'", () -> D.withInit("zero"));
        refused("--algo must be nuts, hmc, svi, enum, dhmc, chees, meads, pathfinder or gibbs, got 'exact'", () -> D.withAlgorithm(Algorithm.parse("exact")));
    }

    @Test
    void eachWithChangesOneSettingOnly() {
        RunSettings s = D.withAlgorithm(Algorithm.HMC).withChains(8).withWarmup(0).withSamples(4).withSeed(-3)
                .withDtype(DataType.FLOAT).withTargetAccept(0.9).withMaxTreeDepth(6).withDenseMass(true)
                .withTrajectoryLength(2).withExecutor(Executor.JVM).withSteps(7).withLearningRate(0.01)
                .withParticles(2).withCheckpointEvery(50).withUntilRhat(1.01).withUntilEss(400).withSuperchains(2)
                .withInit("pathfinder");
        assertEquals(new RunSettings(Algorithm.HMC, 8, 0, 4, -3, DataType.FLOAT, 0.9, 6, true, 2, Executor.JVM, 7,
                0.01, 2, 50, 1.01, 400, 2, "pathfinder"), s);
        assertEquals(D, D.withChains(D.chains()));
        assertEquals(D.withSeed(9).withChains(2), D.withChains(2).withSeed(9));
    }

    @Test
    void algorithmsParseTheirIds() {
        for (Algorithm a : Algorithm.values()) {
            assertEquals(a, Algorithm.parse(a.id()));
            assertEquals(a, Algorithm.parse(a.id().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void componentNamesAreOneBasedAndRowMajor() {
        assertEquals("mu", ComponentName.of("mu", new long[0], 0));
        assertEquals("theta[3]", ComponentName.of("theta", new long[]{8}, 2));
        // brute force over a 2 x 3 array: the flat index walks the last axis fastest
        String[] expected = {"L[1,1]", "L[1,2]", "L[1,3]", "L[2,1]", "L[2,2]", "L[2,3]"};
        String[] names = new String[6];
        for (int k = 0; k < 6; k++) {
            names[k] = ComponentName.of("L", new long[]{2, 3}, k);
        }
        assertArrayEquals(expected, names);
    }
}
