package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.program.Repeat;
import dev.pyrite.tensor.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link McmcRun} as a program: Stan's windows printed, one CALL per step, hooks that see every draw. */
class McmcRunProgramTest {

    /** Stan's default windows for 500 warm-up iterations (Stan Reference Manual, "HMC algorithm parameters"). */
    @Test
    void defaultNutsProgramPrintsStansWarmupWindows() {
        String expected = """
                SEQ nuts
                  CALL initialise
                  SEQ warmup
                    REPEAT fast-initial x75
                      CALL iteration
                    REPEAT slow-1 x25
                      CALL iteration
                    REPEAT slow-2 x50
                      CALL iteration
                    REPEAT slow-3 x100
                      CALL iteration
                    REPEAT slow-4 x200
                      CALL iteration
                    REPEAT fast-final x50
                      CALL iteration
                  REPEAT sampling x1000
                    CALL iteration
                """;
        assertEquals(expected, MCMC.nuts(GaussianRuns.potential()).start().program().toString());
    }

    @Test
    void stoppingRuleIsALoopOfRounds() {
        String printed = MCMC.hmc(GaussianRuns.potential(), 1.0).warmup(0).samples(1000).untilRhat(1.01)
                .roundIterations(100).start().program().toString();
        assertEquals("""
                SEQ hmc
                  CALL initialise
                  LOOP sampling until stopped
                    REPEAT round x100
                      CALL iteration
                """, printed);
    }

    @Test
    void eachStepIsOneIterationAndRunEqualsTheDriver() {
        long seed = TestSeeds.seed(1321);
        MCMC sampler = GaussianRuns.sampler("nuts").chains(3).warmup(40).samples(25).seed(seed);
        McmcRun run = sampler.start();
        run.step();
        assertEquals(0, run.iteration(), "the first step initialises");
        for (int k = 1; k <= 64; k++) {
            assertEquals(false, run.step());
            assertEquals(k, run.iteration());
        }
        assertTrue(run.step(), "the 65th iteration is the last");
        assertEquals(StopReason.BUDGET_REACHED, run.samples().stopReason());
        SameDraws.assertSame(sampler.driver().run(), run.samples(), "stepped run against the plain driver");
        assertThrows(IllegalStateException.class, () -> run.program(run.program()));
    }

    @Test
    void hooksSeeEveryIterationAndTheSamplingDrawsAreTheSamples() {
        int warmup = 40;
        int samples = 30;
        List<IterationDraws> seen = new ArrayList<>();
        List<String> listened = new ArrayList<>();
        McmcListener listener = new McmcListener() {
            @Override
            public void iteration(int done, int total, boolean inWarmup, double meanStepSize, long divergences) {
                listened.add(done + "/" + total + (inWarmup ? "w" : "s"));
            }
        };
        McmcSamples s = GaussianRuns.sampler("nuts").chains(4).warmup(warmup).samples(samples)
                .seed(TestSeeds.seed(1322)).listener(listener).start().hook(seen::add).run();
        assertEquals(warmup + samples, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            IterationDraws it = seen.get(i);
            assertEquals(i, it.iteration());
            assertEquals(warmup + samples, it.total());
            assertEquals(i < warmup, it.warmup());
            assertEquals(4, it.chains().size());
            assertEquals((i + 1) + "/" + (warmup + samples) + (i < warmup ? "w" : "s"), listened.get(i));
            if (it.warmup()) {
                continue;
            }
            for (int c = 0; c < 4; c++) {
                ChainIteration ci = it.chains().get(c);
                assertEquals(c, ci.chain());
                assertEquals(i, ci.iteration());
                int draw = i - warmup;
                assertArrayEquals(new double[]{s.draws().getDouble(c, draw, 0), s.draws().getDouble(c, draw, 1)},
                        ci.position(), 0.0, "chain " + c + ", draw " + draw);
                assertEquals(s.treeDepth().getDouble(c, draw), ci.stats().treeDepth(), 0.0);
                assertEquals(s.leapfrogs().getDouble(c, draw), ci.stats().leapfrogs(), 0.0);
                assertEquals(s.stepSize().getDouble(c, draw), ci.stepSize(), 0.0);
                assertEquals(s.logDensity().getDouble(c, draw), ci.logDensity(), 0.0);
            }
        }
        long samplingDivergences = seen.get(seen.size() - 1).divergences();
        assertEquals(s.divergences(), samplingDivergences);
    }

    /** Stan's windows for 1000 warm-up iterations: 75 / 25, 50, 100, 200, 500 (stretched) / 50. */
    @Test
    void findGivesTheWindowsAsRepeats() {
        McmcRun run = MCMC.nuts(GaussianRuns.potential()).warmup(1000).samples(10).start();
        int[] expected = {75, 25, 50, 100, 200, 500, 50};
        String[] names = {"fast-initial", "slow-1", "slow-2", "slow-3", "slow-4", "slow-5", "fast-final"};
        for (int k = 0; k < names.length; k++) {
            assertEquals(expected[k], ((Repeat) run.program().find(names[k]).orElseThrow()).times(), names[k]);
        }
    }
}
