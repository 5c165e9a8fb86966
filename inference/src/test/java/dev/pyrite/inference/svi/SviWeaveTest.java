package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.LogNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.program.Call;
import dev.pyrite.inference.program.Cursor;
import dev.pyrite.inference.program.Sequence;
import dev.pyrite.inference.program.Weave;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs interleaved in one process: four SVI fits of different models woven step by step give exactly
 * what each gives alone (two of them declare the same parameter names, so a store shared by accident
 * would show), and SVI followed by NUTS starts the chains at the fitted guide's draws.
 */
class SviWeaveTest {
    static final int STEPS = 6;
    static final Tensor Y2 = Tensor.of(0, 0, 1, 0, 0, 0, 1, 0);
    static final Tensor XS = Tensor.of(-1.0, 0.0, 1.0, 2.0);
    static final Tensor YS = Tensor.of(-0.6, 0.1, 0.4, 1.1);

    static void regression(Tensor... args) {
        Tensor w = Pyrite.sample("w", Normal.of(0, 1));
        try (Plate p = Pyrite.plate("data", args[0].size(0))) {
            Pyrite.sample("y", Normal.of(args[0].mul(w), Tensor.scalar(0.5)), args[1]);
        }
    }

    /** Fit k of the four, built afresh, as a run named fit-k. */
    static SviRun fit(int k, long seed) {
        return switch (k) {
            case 0 -> new SVI(SviCheckpointTest::model, AutoNormal.of(SviCheckpointTest::model), Adam.of(0.05),
                    TraceELBO.of(2)).seed(seed).start("fit-0", STEPS, SviCheckpointTest.X);
            case 1 -> new SVI(ScoreFunctionTest::model, ScoreFunctionTest::guide, Adam.of(0.05), TraceELBO.of(4))
                    .seed(seed + 1).start("fit-1", STEPS, ScoreFunctionTest.Y);
            case 2 -> new SVI(ScoreFunctionTest::model, ScoreFunctionTest::guide, RmsProp.of(0.05, 0.9), TraceELBO.of(4))
                    .seed(seed + 2).start("fit-2", STEPS, Y2);
            default -> new SVI(SviWeaveTest::regression, AutoDelta.of(SviWeaveTest::regression), Sgd.of(0.05, 0.5),
                    TraceELBO.of(1)).seed(seed + 3).start("fit-3", STEPS, XS, YS);
        };
    }

    @Test
    void fourWovenFitsGiveWhatEachGivesAlone() {
        long seed = TestSeeds.seed(21);
        SviRun[] woven = new SviRun[4];
        for (int k = 0; k < 4; k++) {
            woven[k] = fit(k, seed);
        }
        Weave weave = Weave.of("four", woven[0].program(), woven[1].program(), woven[2].program(),
                woven[3].program());
        assertEquals("WEAVE four\n  REPEAT fit-0 x6\n    CALL fit-0-step\n  REPEAT fit-1 x6\n    CALL fit-1-step\n"
                + "  REPEAT fit-2 x6\n    CALL fit-2-step\n  REPEAT fit-3 x6\n    CALL fit-3-step\n", weave.toString());
        Cursor cursor = weave.start();
        int calls = 0;
        boolean done = false;
        while (!done) {
            done = cursor.step();
            calls++;
            if (calls == 5) {
                // round robin: after five calls fit 0 has taken two steps and the others one each
                assertArrayEquals(new int[]{2, 1, 1, 1}, new int[]{woven[0].completed(), woven[1].completed(),
                        woven[2].completed(), woven[3].completed()});
            }
        }
        assertEquals(4 * STEPS, calls);
        for (int k = 0; k < 4; k++) {
            SviCheckpointTest.assertIdentical(fit(k, seed).run(), woven[k], "fit " + k + " woven");
        }
        assertTrue(woven[1].svi().store() != woven[2].svi().store());
        assertFalse(woven[1].svi().store().get("a").item() == woven[2].svi().store().get("a").item(),
                "fits 1 and 2 have their own 'a'");
        assertFalse(ParamStore.global().contains("a"), "no fit wrote into the global store");
    }

    static final Tensor DATA = Tensor.of(1.3, 0.2, 2.1, 1.7, 0.9);

    static void located() {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
        Tensor sigma = Pyrite.sample("sigma", LogNormal.of(0, 1));
        try (Plate p = Pyrite.plate("data", DATA.size(0))) {
            Pyrite.sample("x", Normal.of(mu, sigma), DATA);
        }
    }

    @Test
    void sviThenNutsStartsTheChainsAtTheGuidesDraws() {
        long seed = TestSeeds.seed(22);
        int chains = 3;
        AutoNormal guide = AutoNormal.of(SviModel.of(SviWeaveTest::located));
        SviRun svi = new SVI(SviModel.of(SviWeaveTest::located), guide, Adam.of(0.1), TraceELBO.of(4)).seed(seed)
                .start(30);
        ModelPotential u = ModelPotential.of(SviWeaveTest::located);
        INDArray[] starts = new INDArray[1];
        McmcSamples[] samples = new McmcSamples[1];
        Sequence program = Sequence.of("svi-then-nuts", svi.program(), Call.of("nuts", () -> {
            starts[0] = GuidePositions.draw(u, guide, chains, RandomStream.of(seed + 1));
            samples[0] = MCMC.nuts(u).chains(chains).warmup(20).samples(10).seed(seed + 2).initialPositions(starts[0])
                    .run();
        }));
        Cursor cursor = program.start();
        while (!cursor.step()) {
            assertTrue(samples[0] == null || svi.done(), "NUTS runs after the fit");
        }
        assertEquals(30, svi.completed());

        // oracle: the guide's draws from the same stream, mapped by hand (identity for mu, log for sigma)
        Map<String, Tensor> draws = Predictive.fromGuide(SviModel.of(SviWeaveTest::located), guide, chains)
                .sample(RandomStream.of(seed + 1));
        double[] mu = draws.get("mu").toDoubleArray();
        double[] sigma = draws.get("sigma").toDoubleArray();
        assertEquals(List.of(chains, 2), List.of((int) starts[0].size(0), (int) starts[0].size(1)));
        for (int c = 0; c < chains; c++) {
            assertEquals(mu[c], starts[0].getDouble(c, 0), 0.0, "chain " + c + " starts at the guide's mu");
            assertEquals(Math.log(sigma[c]), starts[0].getDouble(c, 1), 1e-12 * Math.abs(Math.log(sigma[c])) + 1e-15,
                    "chain " + c + " starts at the guide's log sigma");
        }
        assertEquals(chains, samples[0].chains());
        assertEquals(10, samples[0].drawCount());
    }
}
