package dev.pyrite.inference.enumeration;

import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** TraceEnum on models: plate errors, subsampled plates, and a 10,000-step chain contracted by the scan. */
class TraceEnumTest {

    @Test
    void variablesOfIndependentPlatesCoupledByOneSiteAreIntractable() {
        Runnable model = () -> {
            try (Plate i = Pyrite.plate("i", 2)) {
                Tensor a = sample("a", Bernoulli.ofProbs(0.3));
                try (Plate j = Pyrite.plate("j", 3)) {
                    Tensor b = sample("b", Bernoulli.ofProbs(0.6));
                    sample("c", Normal.of(a.add(b), Tensor.scalar(1.0)), Tensor.zeros(3, 2));
                }
            }
        };
        // a lives in plate i, b in plates {i, j}: nested, so tractable.
        assertTrue(Double.isFinite(TraceEnum.logMarginal(model).item()));
        Runnable crossed = () -> {
            Plate i = Pyrite.plateAt("i", 2, -1);
            Tensor a = sample("a", Bernoulli.ofProbs(0.3));
            i.close();
            Plate j = Pyrite.plateAt("j", 3, -2);
            Tensor b = sample("b", Bernoulli.ofProbs(0.6));
            j.close();
            try (Plate i2 = Pyrite.plateAt("i", 2, -1); Plate j2 = Pyrite.plateAt("j", 3, -2)) {
                sample("c", Normal.of(a.add(b), Tensor.scalar(1.0)), Tensor.zeros(3, 2));
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceEnum.logMarginal(crossed));
        assertTrue(e.getMessage().contains("intractable plate structure") && e.getMessage().contains("a (plates [i])")
                && e.getMessage().contains("b (plates [j])"), e.getMessage());
    }

    @Test
    void aSubsampledPlateScalesEachPointsLogMarginalNotItsFactors() {
        double[] theta = {0.3, 0.5, 0.2};
        double[] mu = {-3.0, 0.0, 3.0};
        double sigma = 1.0;
        Tensor y = GmmModels.data().slice(0, 0, 40);
        long[][] indices = new long[1][];
        Runnable model = () -> {
            try (Plate data = Pyrite.plate("data", 40, 10)) {
                indices[0] = data.indices().array().toLongVector();
                Tensor z = sample("z", Categorical.ofProbs(Tensor.of(theta)));
                sample("y", Normal.of(Vindex.entries(Tensor.of(mu), z), Tensor.scalar(sigma)), data.subsample(y));
            }
        };
        double actual = Handlers.seed(3).call(() -> TraceEnum.logMarginal(model, 1)).item();
        double[] yv = y.toDoubleArray();
        double expected = 0;
        for (long n : indices[0]) {
            double p = 0;
            for (int k = 0; k < 3; k++) {
                double u = (yv[(int) n] - mu[k]) / sigma;
                p += theta[k] * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI) / sigma;
            }
            expected += Math.log(p);
        }
        expected *= 40.0 / 10.0;
        assertEquals(expected, actual, 1e-10 * Math.abs(expected));
    }

    @Test
    void aTenThousandStepChainIsContractedByTheScan() {
        int steps = 10_000;
        Random rng = new Random(10);
        double[] y = new double[steps];
        for (int t = 0; t < steps; t++) {
            y[t] = rng.nextGaussian() + (t / 500 % 3 - 1);
        }
        double[][] trans = {{0.95, 0.04, 0.01}, {0.03, 0.94, 0.03}, {0.01, 0.04, 0.95}};
        double[] locs = {-1, 0, 1};
        Tensor obs = Tensor.of(y);
        Runnable model = () -> {
            try (Plate time = Pyrite.plate("time", steps)) {
                Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofLogits(Tensor.zeros(3)),
                        prev -> Categorical.ofProbs(Vindex.rows(PlatedSumProductTest.matrix(trans), prev)));
                sample("y", Normal.of(Vindex.entries(Tensor.of(locs), x), Tensor.scalar(1.0)), obs);
            }
        };
        double logZ = forward(y, trans, locs);
        assertEquals(logZ, TraceEnum.logMarginal(model, 1).item(), 1e-9 * Math.abs(logZ), "eager");
        CompiledFunction f = CompiledFunction.withGradients(in -> new Tensor[]{TraceEnum.logMarginal(() -> {
            try (Plate time = Pyrite.plate("time", steps)) {
                Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofLogits(Tensor.zeros(3)),
                        prev -> Categorical.ofProbs(Vindex.rows(PlatedSumProductTest.matrix(trans), prev)));
                sample("y", Normal.of(Vindex.entries(in[0], x), Tensor.scalar(1.0)), obs);
            }
        }, 1)}, 0);
        INDArray[] out = f.call(Tensor.of(locs).array());
        assertEquals(logZ, out[0].getDouble(0), 1e-9 * Math.abs(logZ), "compiled");
        assertTrue(f.opCount(Tensor.of(locs).array()) < 1000, "a log-depth program: " + f.opCount(Tensor.of(locs).array())
                + " ops for " + steps + " steps");
        // The gradient in the emission means against central differences of the forward recursion.
        for (int c = 0; c < 3; c++) {
            double h = 1e-5;
            double[] up = locs.clone();
            double[] down = locs.clone();
            up[c] += h;
            down[c] -= h;
            double fd = (forward(y, trans, up) - forward(y, trans, down)) / (2 * h);
            assertEquals(fd, out[1].getDouble(c), 1e-6 * Math.max(1, Math.abs(fd)), "d log Z / d loc[" + c + "]");
        }
    }

    /** The scaled forward recursion of the HMM in plain Java: log p(y). */
    static double forward(double[] y, double[][] trans, double[] locs) {
        double[] alpha = new double[3];
        double logZ = 0;
        for (int t = 0; t < y.length; t++) {
            double[] next = new double[3];
            double s = 0;
            for (int c = 0; c < 3; c++) {
                double prior = 0;
                if (t == 0) {
                    prior = 1.0 / 3;
                } else {
                    for (int p = 0; p < 3; p++) {
                        prior += alpha[p] * trans[p][c];
                    }
                }
                double u = y[t] - locs[c];
                next[c] = prior * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
                s += next[c];
            }
            for (int c = 0; c < 3; c++) {
                alpha[c] = next[c] / s;
            }
            logZ += Math.log(s);
        }
        return logZ;
    }
}
