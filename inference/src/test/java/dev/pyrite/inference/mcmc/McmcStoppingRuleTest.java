package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.NestedRhat;
import dev.pyrite.inference.diagnostics.SplitRhat;
import dev.pyrite.tensor.TestSeeds;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stopping rules ({@link MCMC#untilRhat}, {@link MCMC#untilEss}) on a 2-d Gaussian: the run stops at the
 * first round whose draws meet the targets, checked against the diagnostics recomputed on the returned
 * draws and on the draws one round earlier; the draws are the first ones of the same run without a
 * rule; an impossible target runs to the budget.
 */
@Tag(TestSeeds.TAG)
class McmcStoppingRuleTest {
    private static final int CHAINS = 4;
    private static final int WARMUP = 200;
    private static final int ROUND = 100;

    private static MCMC sampler(long seed, int samples) {
        return GaussianRuns.sampler("nuts").chains(CHAINS).warmup(WARMUP).samples(samples).seed(seed)
                .roundIterations(ROUND);
    }

    /**
     * NUTS on a Gaussian gives a bulk ESS of about one per draw and R-hat - 1 of order 1/n, so rounds of
     * 100 meet R-hat 1.01 and ESS 400 after a few hundred draws; a budget of 1500 leaves about ten more
     * rounds, so that running to the budget has a vanishing probability.
     */
    @Test
    void stopsEarlyWithTargetsMet() {
        long seed = TestSeeds.seed(1331);
        int budget = 1500;
        McmcSamples s = sampler(seed, budget).untilRhat(1.01).untilEss(400).run();
        int n = s.drawCount();
        assertEquals(StopReason.TARGETS_MET, s.stopReason());
        assertTrue(n < budget && n % ROUND == 0 && n > 0, "stopped after " + n + " draws");
        for (int d = 0; d < 2; d++) {
            double[][] x = s.coordinate(d);
            assertTrue(SplitRhat.rhat(x) <= 1.01, "component " + d + " R-hat " + SplitRhat.rhat(x));
            assertTrue(EffectiveSampleSize.bulk(x) >= 400, "component " + d + " ESS " + EffectiveSampleSize.bulk(x));
        }
        if (n > ROUND) {
            boolean metBefore = true;
            for (int d = 0; d < 2; d++) {
                double[][] x = firstDraws(s.coordinate(d), n - ROUND);
                metBefore &= SplitRhat.rhat(x) <= 1.01 && EffectiveSampleSize.bulk(x) >= 400;
            }
            assertTrue(!metBefore, "the targets were already met one round earlier, at " + (n - ROUND) + " draws");
        }
        // Chains do not depend on the budget: the same seed with a budget of n draws is the oracle.
        McmcSamples full = sampler(seed, n).run();
        for (int d = 0; d < 2; d++) {
            double[][] all = firstDraws(full.coordinate(d), n);
            double[][] stopped = s.coordinate(d);
            for (int c = 0; c < CHAINS; c++) {
                assertTrue(Arrays.equals(all[c], stopped[c]), "chain " + c + ", component " + d
                        + ": the stopped run's draws are the first draws of the full run");
            }
        }
    }

    /**
     * 32 chains in 8 superchains sharing starts: the rule compares nested R-hat, not split R-hat, and the
     * setting survives the settings round trip a checkpoint makes.
     */
    @Test
    void superchainsStopOnNestedRhat() {
        long seed = TestSeeds.seed(1333);
        int chains = 32;
        int k = 8;
        MCMC m = GaussianRuns.sampler("nuts").chains(chains).warmup(WARMUP).samples(1500).seed(seed)
                .roundIterations(ROUND).initialPositions(Superchains.uniform(k, chains, 2, seed))
                .untilRhat(1.01).superchains(k);
        assertEquals(k, MCMC.of(m.settings(), GaussianRuns.potential()).settings().superchains());
        McmcSamples s = m.run();
        assertEquals(StopReason.TARGETS_MET, s.stopReason());
        for (int d = 0; d < 2; d++) {
            double nested = NestedRhat.of(s.coordinate(d), k);
            assertTrue(nested <= 1.01, "component " + d + " nested R-hat " + nested);
        }
        int n = s.drawCount();
        if (n > ROUND) {
            boolean metBefore = true;
            for (int d = 0; d < 2; d++) {
                metBefore &= NestedRhat.of(firstDraws(s.coordinate(d), n - ROUND), k) <= 1.01;
            }
            assertTrue(!metBefore, "nested R-hat was already met one round earlier, at " + (n - ROUND) + " draws");
        }
    }

    /** 250 is not a multiple of the round: the last round stops at the budget. */
    @Test
    void impossibleTargetRunsToTheBudget() {
        long seed = TestSeeds.seed(1332);
        int budget = 250;
        McmcSamples s = sampler(seed, budget).untilEss(1e9).run();
        assertEquals(StopReason.BUDGET_REACHED, s.stopReason());
        assertEquals(budget, s.drawCount());
        McmcSamples plain = sampler(seed, budget).run();
        SameDraws.assertSame(plain, s, "run to the budget under an impossible target");
    }

    private static double[][] firstDraws(double[][] x, int n) {
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = Arrays.copyOf(x[c], n);
        }
        return out;
    }
}
