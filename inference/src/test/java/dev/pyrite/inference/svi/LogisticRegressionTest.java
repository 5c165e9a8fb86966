package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reference model B (logistic regression, N = 1000, D = 25) with AutoMultivariateNormal: the guide's
 * means are within 0.05 of Stan's posterior means. The model is a copy of the examples' model (the
 * inference module cannot depend on examples); the data are read from examples/data.
 */
class LogisticRegressionTest {
    /** Data: X transposed [D, N] and y [N]. */
    record Data(Tensor xT, Tensor y) {
        static Data load() {
            double[][] x = csv("logreg_X.csv");
            double[][] y = csv("logreg_y.csv");
            double[] yy = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                yy[i] = y[i][0];
            }
            return new Data(Tensor.of(x).transpose(), Tensor.of(yy));
        }
    }

    static double[][] csv(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/data"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/data not found above " + Path.of("").toAbsolutePath());
        }
        try {
            List<String> lines = Files.readAllLines(dir.resolve("examples/data").resolve(name));
            return lines.stream().skip(1).filter(l -> !l.isBlank())
                    .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Model B: args = (X^T [D, N], y [N]). */
    static void model(Tensor... args) {
        Tensor xT = args[0];
        Tensor y = args[1];
        Tensor w;
        try (Plate features = Pyrite.plate("features", xT.size(0))) {
            w = Pyrite.sample("w", Normal.of(0, 1));
        }
        Tensor b = Pyrite.sample("b", Normal.of(0, 1));
        Tensor logits = w.matmul(xT).add(b);
        try (Plate data = Pyrite.plate("data", y.size(0))) {
            Pyrite.sample("y", Bernoulli.ofLogits(logits), y);
        }
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Tag(TestSeeds.TAG)
    @Test
    @Tag("slow")
    void autoMultivariateNormalMatchesStan() {
        Data d = Data.load();
        AutoMultivariateNormal guide = AutoMultivariateNormal.of(LogisticRegressionTest::model);
        SVI svi = new SVI(LogisticRegressionTest::model, guide,
                Adam.of(LearningRateSchedule.exponential(0.05, 0.998), 0.9, 0.999), TraceELBO.of(8)).seed(TestSeeds.seed(11));
        double first = svi.step(d.xT(), d.y());
        double last = svi.run(1200, d.xT(), d.y());
        assertTrue(last < first, "loss fell from " + first + " to " + last);
        Map<String, Tensor> median = guide.median();
        double[] w = median.get("w").toDoubleArray();
        double b = median.get("b").item();
        assertEquals(-0.3166, b, 0.05, "b");
        assertEquals(0.6190, w[0], 0.05, "w[1]");
        assertEquals(-0.6210, w[1], 0.05, "w[2]");
        assertEquals(1.2175, w[6], 0.05, "w[7]");
        assertEquals(1.8049, w[22], 0.05, "w[23]");
        // marginal sds of the guide are of the size of Stan's (0.11 for b)
        double sdB = guide.quantile(0.8413447460685429).get("b").item() - b;
        assertEquals(0.1102, sdB, 0.04, "sd of b");
    }
}
