package dev.pyrite.inference.spawn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.program.Call;
import dev.pyrite.inference.program.Cursor;
import dev.pyrite.inference.program.Weave;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chains 2 and 3 of a four-chain NUTS run spawned in a child JVM, woven with chains 0 and 1 run in this
 * process, give bit for bit the draws, step sizes and mass matrices of the four chains run together in
 * this process (the oracle): each chain's draws depend only on its own stream, wherever it runs.
 */
class ChainGroupSpawnTest {
    static final int WARMUP = 60;
    static final int SAMPLES = 30;

    /** An anisotropic Gaussian in 3 coordinates (precisions 1, 4, 1/4). */
    public static final class Gaussian implements PotentialFactory {
        @Override
        public Potential create() {
            return new Potential() {
                @Override
                public int dimension() {
                    return 3;
                }

                @Override
                public Tensor energy(Tensor q) {
                    return q.square().mul(Tensor.of(1.0, 4.0, 0.25)).sum(false, 1).mul(0.5);
                }
            };
        }
    }

    private static ChainGroupSettings settings(long seed, int from, int to) {
        // fresh streams each time: a stream advances as its chain runs
        List<RandomStream> streams = MCMC.chainStreams(seed, 4).subList(from, to);
        return ChainGroupSettings.nuts(Gaussian.class.getName(), WARMUP, SAMPLES, streams).withDtype(DataType.DOUBLE);
    }

    @Test
    void spawnedChainsDrawWhatTheyDrawInProcess(@TempDir Path dir) {
        long seed = TestSeeds.seed(31);
        Potential potential = new Gaussian().create();
        McmcSamples together = settings(seed, 0, 4).sampler(potential).run();

        ChainGroupFragment far = new ChainGroupFragment(settings(seed, 2, 4), dir.resolve("chains-2-3"));
        McmcSamples[] near = new McmcSamples[1];
        // the spawn comes first, so the child runs while this process samples its own chains
        Weave program = Weave.of("chains", far.spawn("chains-2-3"),
                Call.of("chains-0-1", () -> near[0] = settings(seed, 0, 2).sampler(potential).run()));
        assertEquals("WEAVE chains\n  SPAWN chains-2-3\n  CALL chains-0-1\n", program.toString());
        Cursor cursor = program.start();
        while (!cursor.step()) {
            Thread.onSpinWait();
        }
        McmcSamples woven = ChainGroupResult.concat(List.of(near[0], far.samples()));

        assertEquals(4, woven.chains());
        assertBits(together.draws(), woven.draws(), "draws");
        assertBits(together.logDensity(), woven.logDensity(), "log density");
        assertBits(together.stepSize(), woven.stepSize(), "step sizes");
        assertBits(together.treeDepth(), woven.treeDepth(), "tree depths");
        assertBits(together.energy(), woven.energy(), "energies");
        assertBits(together.adaptedStepSize(), woven.adaptedStepSize(), "final step sizes");
        assertBits(together.inverseMass(), woven.inverseMass(), "final inverse mass matrices");
    }

    @Test
    void aFailingChildIsReportedWithItsStatusAndOutput(@TempDir Path dir) {
        List<RandomStream> streams = MCMC.chainStreams(1, 2);
        ChainGroupFragment bad = new ChainGroupFragment(
                ChainGroupSettings.nuts("dev.pyrite.NoSuchFactory", 10, 10, streams), dir);
        Cursor cursor = bad.spawn("bad").start();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            while (!cursor.step()) {
                Thread.onSpinWait();
            }
        });
        assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("potential factory 'dev.pyrite.NoSuchFactory': no such class"),
                e.getMessage());
        assertThrows(IllegalStateException.class, bad::samples);
    }

    private static void assertBits(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.castTo(DataType.DOUBLE).dup().data().asDouble(),
                actual.castTo(DataType.DOUBLE).dup().data().asDouble(), what);
    }
}
