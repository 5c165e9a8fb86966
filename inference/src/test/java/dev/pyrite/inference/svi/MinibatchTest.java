package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches from a DL4J DataSetIterator, bad input, saving and resuming, and predictive draws, on a
 * regression y = w x + noise (N = 1000).
 */
class MinibatchTest {
    static final int N = 1000;

    static void model(Tensor... args) {
        Tensor w = Pyrite.sample("w", Normal.of(0, 1));
        try (Plate p = Pyrite.plate("data", N, args[0].size(0))) {
            Pyrite.sample("y", Normal.of(args[0].mul(w), Tensor.scalar(0.5)), args[1]);
        }
    }

    static DataSet data() {
        RandomStream s = RandomStream.of(TestSeeds.seed(21));
        double[] x = s.normal(N).data().asDouble();
        double[] e = s.normal(N).data().asDouble();
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = 0.8 * x[i] + 0.5 * e[i];
        }
        return new DataSet(Nd4j.create(x, new long[]{N, 1}), Nd4j.create(y, new long[]{N, 1}));
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    /** The exact posterior mean of w: prior N(0, 1), noise sd 0.5. */
    static double posteriorMean(DataSet all) {
        double[] x = all.getFeatures().data().asDouble();
        double[] y = all.getLabels().data().asDouble();
        double xy = 0;
        double xx = 0;
        for (int i = 0; i < x.length; i++) {
            xy += x[i] * y[i];
            xx += x[i] * x[i];
        }
        return xy / 0.25 / (1 + xx / 0.25);
    }

    @Tag(TestSeeds.TAG)
    @Test
    void minibatchElboIsUnbiased() {
        DataSet all = data();
        AutoNormal guide = AutoNormal.of(MinibatchTest::model);
        ParamStore.global().clear();
        SVI svi = new SVI(MinibatchTest::model, guide, Adam.of(0.01), TraceELBO.of(256)).seed(TestSeeds.seed(5));
        Tensor[] full = Minibatches.args(all);
        int reps = 10;
        double[] fullLosses = new double[reps];
        double fullMean = 0;
        for (int i = 0; i < reps; i++) {
            fullLosses[i] = svi.evaluateLoss(full);
            fullMean += fullLosses[i] / reps;
        }
        ViewIterator it = new ViewIterator(all, 100);
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int pass = 0; pass < 3; pass++) {
            for (double l : Minibatches.evaluate(svi, it)) {
                sum += l;
                sumSq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        // the batch estimates' spread includes between-batch variation, so this error bound is conservative
        double se = sd / Math.sqrt(n);
        assertEquals(fullMean, mean, 4 * se + 1e-9, "mean minibatch loss " + mean + " vs full data " + fullMean
                + " (se " + se + ")");
        // and training on minibatches finds the exact posterior mean of w (sd 0.016) up to Adam's jitter
        for (int epoch = 0; epoch < 30; epoch++) {
            Minibatches.epoch(svi, it);
        }
        assertEquals(posteriorMean(all), guide.median().get("w").item(), 0.05);
    }

    static void badModel(Tensor... args) {
        Tensor z = Pyrite.sample("z", Normal.of(0, 1));
        Pyrite.sample("x", Normal.of(z, Tensor.scalar(1.0)), Tensor.scalar(0.3));
        Pyrite.factor("bad", z.mul(0.0).add(args[0]));
    }

    static void badGuide(Tensor... args) {
        Tensor m = Pyrite.param("m", Tensor.scalar(0.0));
        Pyrite.sample("z", Normal.of(m, Tensor.scalar(1.0)));
    }

    @Test
    void nonFiniteLossNamesTheSiteAndKeepsTheParameters() {
        SVI svi = new SVI(MinibatchTest::badModel, MinibatchTest::badGuide, Adam.of(0.1), TraceELBO.of(2)).seed(1);
        svi.run(5, Tensor.scalar(0.0));
        double before = svi.store().get("m").item();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> svi.step(Tensor.scalar(Double.NaN)));
        assertEquals("bad", e.site(), e.getMessage());
        assertEquals(before, svi.store().get("m").item(), 0.0);
        assertEquals(5, svi.stepCount());
    }

    /** Parameters only: the optimiser restarts (SviCheckpointTest covers an exact resume). */
    @Test
    void paramsSaveAndLoad(@TempDir Path dir) throws Exception {
        Tensor[] all = Minibatches.args(data());
        AutoNormal guide = AutoNormal.of(MinibatchTest::model);
        SVI svi = new SVI(MinibatchTest::model, guide, Adam.of(0.02), TraceELBO.of(4)).seed(2);
        double[] seen = new double[1];
        svi.addListener((step, loss, running) -> seen[0] = running);
        svi.run(20, all);
        assertEquals(svi.runningLoss(), seen[0], 0.0);
        Path file = dir.resolve("params.txt");
        svi.saveParams(file);
        double w = guide.median().get("w").item();
        svi.store().clear();
        svi.loadParams(file);
        assertEquals(w, guide.median().get("w").item(), 0.0);
        svi.run(5, all);
        assertNotNull(Files.readString(file));
    }

    @Test
    void predictiveDraws() {
        Tensor[] all = Minibatches.args(data());
        int s = 2000;
        Map<String, Tensor> prior = Predictive.prior(MinibatchTest::model, s).sample(RandomStream.of(3), all);
        assertEquals(s, prior.get("w").size(0));
        assertEquals(s, prior.get("y").size(0));
        assertEquals(N, prior.get("y").size(1));
        double[] w = prior.get("w").toDoubleArray();
        double m = 0;
        double v = 0;
        for (double x : w) {
            m += x / s;
        }
        for (double x : w) {
            v += (x - m) * (x - m) / (s - 1);
        }
        assertEquals(0, m, 4 / Math.sqrt(s));
        assertEquals(1, v, 0.1);
        AutoNormal guide = AutoNormal.of(MinibatchTest::model);
        SVI svi = new SVI(MinibatchTest::model, guide, Adam.of(LearningRateSchedule.exponential(0.05, 0.995), 0.9, 0.999),
                TraceELBO.of(8)).seed(4);
        svi.run(400, all);
        Map<String, Tensor> post = Predictive.fromGuide(MinibatchTest::model, guide, s).sample(RandomStream.of(6), all);
        double pm = post.get("w").sum().item() / s;
        assertEquals(guide.median().get("w").item(), pm, 0.01);
        Map<String, Tensor> fromSamples = Predictive.posterior(MinibatchTest::model, Map.of("w", post.get("w")))
                .sample(RandomStream.of(7), all);
        assertEquals(pm, fromSamples.get("w").sum().item() / s, 1e-12);
        assertEquals(N, fromSamples.get("y").size(1));
    }
}
