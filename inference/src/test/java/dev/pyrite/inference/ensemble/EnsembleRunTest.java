package dev.pyrite.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.NestedRhat;
import dev.pyrite.inference.diagnostics.SplitRhat;
import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.IterationDraws;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.mcmc.StopReason;
import dev.pyrite.inference.mcmc.Superchains;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@link EnsembleRun}: checkpointed to disk after any step and resumed, a ChEES or MEADS run makes exactly
 * the draws of an uninterrupted one (with and without a stopping rule), its hooks see the draws it keeps,
 * and its stopping rule stops at the first round whose draws meet the targets.
 */
class EnsembleRunTest {
    private static final double[] SIGMA = {0.5, 1, 2};
    private static final Potential TARGET = GaussianTargets.independent(SIGMA);

    @TempDir
    Path tmp;

    @Test
    void cheesResumedFromDiskMakesTheDrawsOfAnUninterruptedRun() {
        long seed = TestSeeds.seed(51);
        Supplier<EnsembleRun> make = () -> ChEES.of(TARGET).chains(8).warmup(30).samples(40).seed(seed)
                .dtype(DataType.DOUBLE).start();
        for (int stopAt : new int[]{0, 1, 17, 30, 31, 55, 70}) {
            assertResumesExactly(make, stopAt);
        }
    }

    @Test
    void meadsResumedFromDiskMakesTheDrawsOfAnUninterruptedRun() {
        long seed = TestSeeds.seed(52);
        Supplier<EnsembleRun> make = () -> MEADS.of(TARGET).chains(8).warmup(30).samples(40).seed(seed)
                .dtype(DataType.DOUBLE).start();
        for (int stopAt : new int[]{0, 1, 17, 30, 31, 55, 70}) {
            assertResumesExactly(make, stopAt);
        }
    }

    /** A stopping rule checked every 20 draws: resumed inside a round and at a round's end, the same stop. */
    @Test
    void aStoppingRuleResumesToTheSameStop() {
        long seed = TestSeeds.seed(53);
        Supplier<EnsembleRun> make = () -> ChEES.of(TARGET).chains(16).warmup(50).samples(400).seed(seed)
                .dtype(DataType.DOUBLE).stopWhen(ConvergenceTargets.of(1.1, 100)).roundIterations(20).start();
        McmcSamples straight = make.get().run();
        for (int stopAt : new int[]{60, 70, 50 + straight.drawCount()}) {
            assertResumesExactly(make, stopAt);
        }
    }

    @Test
    void hooksSeeEveryIterationAndTheKeptDraws() {
        EnsembleRun run = MEADS.of(TARGET).chains(8).warmup(10).samples(15).seed(TestSeeds.seed(54))
                .dtype(DataType.DOUBLE).start();
        List<IterationDraws> seen = new ArrayList<>();
        run.hook(seen::add);
        McmcSamples s = run.run();
        assertEquals(25, seen.size());
        for (int i = 0; i < 25; i++) {
            IterationDraws it = seen.get(i);
            assertEquals(i, it.iteration());
            assertEquals(i < 10, it.warmup());
            assertEquals(8, it.chains().size());
            if (!it.warmup()) {
                for (int c = 0; c < 8; c++) {
                    for (int d = 0; d < SIGMA.length; d++) {
                        assertEquals(s.draws().getDouble(c, i - 10, d), it.chains().get(c).position()[d], 0.0);
                    }
                    assertEquals(s.logDensity().getDouble(c, i - 10), it.chains().get(c).logDensity(), 0.0);
                    assertEquals(s.acceptStat().getDouble(c, i - 10), it.chains().get(c).stats().acceptStat(), 0.0);
                }
            }
        }
        assertEquals(StopReason.BUDGET_REACHED, s.stopReason());
    }

    /**
     * Many short chains in superchains (Margossian et al. 2023): 64 chains in 8 superchains, rounds of 50
     * draws until nested R-hat &lt;= 1.01 and bulk ESS &gt;= 1000 for every coordinate. The figures, computed
     * here from the draws, meet the rule at the stop and not one round earlier; the means are N(0, sigma^2)'s.
     */
    @Test
    @Tag(TestSeeds.TAG)
    void cheesWithSuperchainsStopsWhereNestedRhatAndEssMeetTheTargets() {
        long seed = TestSeeds.seed(55);
        int chains = 64;
        int k = 8;
        McmcSamples s = ChEES.of(TARGET).chains(chains).warmup(100).samples(2000).seed(seed).dtype(DataType.DOUBLE)
                .initialPositions(Superchains.uniform(k, chains, SIGMA.length, seed))
                .stopWhen(ConvergenceTargets.of(1.01, 1000).superchains(k)).roundIterations(50).run();
        assertStopsAtTheFirstRoundMeeting(s, 1.01, 1000, 50, x -> NestedRhat.of(x, k));
    }

    /** MEADS with split R-hat (no superchains): rounds of 100 until R-hat &lt;= 1.01 and ESS &gt;= 400. */
    @Test
    @Tag(TestSeeds.TAG)
    void meadsStopsWhereSplitRhatAndEssMeetTheTargets() {
        long seed = TestSeeds.seed(56);
        McmcSamples s = MEADS.of(TARGET).chains(32).warmup(300).samples(3000).seed(seed).dtype(DataType.DOUBLE)
                .stopWhen(ConvergenceTargets.of(1.01, 400)).run();
        assertStopsAtTheFirstRoundMeeting(s, 1.01, 400, 100, SplitRhat::rhat);
    }

    private static void assertStopsAtTheFirstRoundMeeting(McmcSamples s, double rhat, double ess, int round,
                                                          java.util.function.ToDoubleFunction<double[][]> rhatOf) {
        int n = s.drawCount();
        assertEquals(StopReason.TARGETS_MET, s.stopReason(), "stopped after " + n + " draws per chain");
        assertTrue(n % round == 0 && n > 0, "stopped at a round's end: " + n);
        boolean earlierMet = n > round;   // with one round only, there is no earlier check that could have stopped
        for (int d = 0; d < SIGMA.length; d++) {
            double[][] x = s.coordinate(d);
            double r = rhatOf.applyAsDouble(x);
            double e = EffectiveSampleSize.bulk(x);
            assertTrue(r <= rhat, "coordinate " + d + ": R-hat " + r + " at the stop");
            assertTrue(e >= ess, "coordinate " + d + ": bulk ESS " + e + " at the stop");
            double mean = 0;
            for (double[] chain : x) {
                for (double v : chain) {
                    mean += v / ((double) x.length * n);
                }
            }
            assertEquals(0, mean, 4 * SIGMA[d] / Math.sqrt(e), "coordinate " + d + " mean");
            if (n > round) {
                double[][] before = new double[x.length][];
                for (int c = 0; c < x.length; c++) {
                    before[c] = java.util.Arrays.copyOf(x[c], n - round);
                }
                earlierMet &= rhatOf.applyAsDouble(before) <= rhat && EffectiveSampleSize.bulk(before) >= ess;
            }
        }
        assertTrue(!earlierMet || n == round, "the targets were met one round earlier, at " + (n - round));
    }

    private void assertResumesExactly(Supplier<EnsembleRun> make, int stopAt) {
        McmcSamples straight = make.get().run();
        EnsembleRun first = make.get();
        while (first.iteration() < stopAt && !first.step()) {
            // up to the checkpoint
        }
        Path dir = tmp.resolve("at-" + stopAt + "-" + System.nanoTime());
        first.checkpoint(dir);
        assertEquals(first.iteration(), EnsembleRun.metadata(dir).iteration());
        McmcSamples continued = EnsembleRun.resume(dir, TARGET).run();
        String at = " after resuming at iteration " + stopAt;
        assertEquals(straight.drawCount(), continued.drawCount(), "draws per chain" + at);
        assertEquals(straight.stopReason(), continued.stopReason(), "stop reason" + at);
        assertArrayEquals(straight.draws().data().asDouble(), continued.draws().data().asDouble(), 0.0, "draws" + at);
        assertArrayEquals(straight.acceptStat().data().asDouble(), continued.acceptStat().data().asDouble(), 0.0,
                "acceptance statistics" + at);
        assertArrayEquals(straight.energy().data().asDouble(), continued.energy().data().asDouble(), 0.0,
                "energies" + at);
        assertArrayEquals(straight.adaptedStepSize().data().asDouble(),
                continued.adaptedStepSize().data().asDouble(), 0.0, "step sizes" + at);
        assertEquals(straight.gradientEvaluations(), continued.gradientEvaluations(), "gradients" + at);
    }
}
