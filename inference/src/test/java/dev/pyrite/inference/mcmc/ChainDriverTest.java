package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ChainDriver}: chains with their own program counters are independent of the batch they run
 * in, never wait for each other's trees, and survive a potential that is NaN on a region.
 */
@Tag(TestSeeds.TAG)
class ChainDriverTest {
    private static final int CHAINS = 5;

    /** Independent Student-t coordinates with one degree of freedom (Cauchy): tree depths vary a lot. */
    static Potential cauchy(int dimension) {
        return new Potential() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.square().add(1.0).log().sum(false, 1);
            }
        };
    }

    private static MCMC sampler(String kind, Potential potential) {
        return kind.equals("nuts") ? MCMC.nuts(potential).maxTreeDepth(8) : MCMC.hmc(potential, 2.0);
    }

    /** Starting points far apart (one far in a tail), so that the chains' trees and windows differ. */
    private static double[][] starts() {
        return new double[][]{{0.1, -0.3, 0.2}, {30.0, -40.0, 5.0}, {-2.0, 1.5, 0.0}, {300.0, 0.5, -1.0},
            {0.7, 0.7, -8.0}};
    }

    @ParameterizedTest
    @ValueSource(strings = {"nuts", "hmc"})
    void chainOfABatchDrawsExactlyWhatItDrawsAlone(String kind) {
        Potential target = cauchy(3);
        int warmup = 60;
        int samples = 40;
        long seed = TestSeeds.seed(41);
        McmcSamples batch = sampler(kind, target).streams(MCMC.chainStreams(seed, CHAINS)).warmup(warmup)
                .samples(samples).dtype(DataType.DOUBLE).initialPositions(Nd4j.create(starts())).run();
        for (int c = 0; c < CHAINS; c++) {
            List<RandomStream> one = List.of(MCMC.chainStreams(seed, CHAINS).get(c));
            INDArray start = Nd4j.create(new double[][]{starts()[c]});
            McmcSamples alone = sampler(kind, target).streams(one).warmup(warmup).samples(samples)
                    .dtype(DataType.DOUBLE).initialPositions(start).run();
            for (int s = 0; s < samples; s++) {
                for (int d = 0; d < 3; d++) {
                    assertEquals(alone.draws().getDouble(0, s, d), batch.draws().getDouble(c, s, d), 0.0,
                            kind + " chain " + c + ", draw " + s + ", coordinate " + d);
                }
                assertEquals(alone.stepSize().getDouble(0, s), batch.stepSize().getDouble(c, s), 0.0,
                        kind + " step size, chain " + c + ", draw " + s);
                assertEquals(alone.treeDepth().getDouble(0, s), batch.treeDepth().getDouble(c, s), 0.0,
                        kind + " tree depth, chain " + c + ", draw " + s);
                assertEquals(alone.leapfrogs().getDouble(0, s), batch.leapfrogs().getDouble(c, s), 0.0,
                        kind + " leapfrogs, chain " + c + ", draw " + s);
            }
            assertEquals(alone.adaptedStepSize().getDouble(0), batch.adaptedStepSize().getDouble(c), 0.0);
        }
    }

    /**
     * Lock step would need, per iteration, the deepest tree among the chains: the sum over iterations of
     * the per-iteration maximum. A driver whose chains never wait needs the longest chain's own count
     * plus its one step-size search (warm-up 0: no other search).
     */
    @org.junit.jupiter.api.Test
    void chainsNeverWaitForTheDeepestTree() {
        int samples = 150;
        ChainDriver<?> driver = MCMC.nuts(cauchy(2)).maxTreeDepth(8).chains(CHAINS).warmup(0).samples(samples)
                .seed(TestSeeds.seed(43)).dtype(DataType.DOUBLE).driver();
        McmcSamples s = driver.run();
        double[][] leapfrogs = McmcSamples.toMatrix(s.leapfrogs());
        long longestChain = 0;
        long lockStep = 0;
        for (int c = 0; c < CHAINS; c++) {
            long sum = 0;
            for (double l : leapfrogs[c]) {
                sum += (long) l;
            }
            longestChain = Math.max(longestChain, sum);
        }
        for (int i = 0; i < samples; i++) {
            long max = 0;
            for (int c = 0; c < CHAINS; c++) {
                max = Math.max(max, (long) leapfrogs[c][i]);
            }
            lockStep += max;
        }
        assertEquals(s.gradientEvaluations(), sum(leapfrogs), "gradients are leapfrogs summed over chains");
        assertTrue(driver.slots() >= longestChain && driver.slots() <= longestChain + StepSizeSearch.MAX_ROUNDS,
                "slots " + driver.slots() + ", longest chain's leapfrogs " + longestChain);
        assertTrue(driver.slots() < 0.8 * lockStep,
                "slots " + driver.slots() + " against lock step's " + lockStep + " (depths vary, so waiting costs)");
    }

    private static long sum(double[][] x) {
        long s = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += (long) v;
            }
        }
        return s;
    }

    /**
     * U(q) = q^2/2 inside |q| < 1.5 and NaN outside (the log of a negative number, times 0): a wall that
     * long steps keep hitting. Divergences are counted, every draw stays inside, nothing throws.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nuts", "hmc"})
    void nanRegionGivesCountedDivergences(String kind) {
        Potential wall = new Potential() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public Tensor energy(Tensor q) {
                Tensor x = q.select(1, 0);
                return x.square().mul(0.5).add(x.square().rsub(2.25).log().mul(0.0));
            }
        };
        McmcSamples s = sampler(kind, wall).chains(3).warmup(50).samples(100).seed(TestSeeds.seed(47))
                .dtype(DataType.DOUBLE).initialPositions(Nd4j.createFromArray(new double[][]{{0.1}, {-0.2}, {1.2}}))
                .run();
        assertTrue(s.divergences() > 0, kind + ": divergences were counted");
        assertEquals(s.divergences(), (long) s.divergent().sumNumber().doubleValue());
        for (double[] chain : s.coordinate(0)) {
            for (double v : chain) {
                assertTrue(Double.isFinite(v) && Math.abs(v) < 1.5, kind + ": draw inside the wall: " + v);
            }
        }
    }

    /**
     * A batch of {@link ChainDriver#COMPACT_MIN_ROWS} or more shrinks to its running chains once half are
     * done; each row is computed on its own, so the draws are bit for bit those of the full batch.
     */
    @org.junit.jupiter.api.Test
    void shrinkingALargeBatchChangesNoDraw() {
        int chains = ChainDriver.COMPACT_MIN_ROWS + 16;
        long seed = TestSeeds.seed(43);
        ChainDriver<?> shrinking = MCMC.nuts(cauchy(2)).maxTreeDepth(6).chains(chains).seed(seed).warmup(30)
                .samples(30).dtype(DataType.DOUBLE).driver();
        ChainDriver<?> full = MCMC.nuts(cauchy(2)).maxTreeDepth(6).chains(chains).seed(seed).warmup(30)
                .samples(30).dtype(DataType.DOUBLE).driver();
        full.compaction(false);
        McmcSamples a = shrinking.run();
        McmcSamples b = full.run();
        assertTrue(shrinking.compactions() >= 1, "the batch shrank");
        assertEquals(0, full.compactions());
        for (int d = 0; d < 2; d++) {
            double[][] x = a.coordinate(d);
            double[][] y = b.coordinate(d);
            for (int c = 0; c < chains; c++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(y[c], x[c], 0.0, "chain " + c + ", coordinate " + d);
            }
        }
        assertEquals(b.gradientEvaluations(), a.gradientEvaluations());
    }
}
