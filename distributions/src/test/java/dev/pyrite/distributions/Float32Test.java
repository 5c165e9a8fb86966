package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** float32 parameters give float32 log densities, draws and quantiles that agree with float64 to float32 precision. */
class Float32Test {
    private record Case(String name, Function<DataType, Distribution> make, Tensor value) {
    }

    private static Tensor t(DataType dt, double... v) {
        return Tensor.of(v).castTo(dt);
    }

    @Test
    void float32AgreesWithFloat64() {
        Tensor spd = Tensor.of(new double[][]{{2.0, 0.3}, {0.3, 1.0}});
        List<Case> cases = List.of(
                new Case("Normal", dt -> Normal.of(t(dt, 0.5, -1), t(dt, 2, 0.3)), Tensor.of(0.1, -1.2)),
                new Case("Gamma", dt -> Gamma.of(t(dt, 0.5, 4), t(dt, 2, 0.3)), Tensor.of(0.1, 7.5)),
                new Case("Beta", dt -> Beta.of(t(dt, 0.5, 4), t(dt, 2, 0.3)), Tensor.of(0.1, 0.75)),
                new Case("StudentT", dt -> StudentT.of(t(dt, 3, 30), t(dt, 0, 1), t(dt, 2, 0.3)), Tensor.of(0.1, 1.75)),
                new Case("VonMises", dt -> VonMises.of(t(dt, 0, 1), t(dt, 2, 40)), Tensor.of(0.1, 1.75)),
                new Case("TruncatedNormal", dt -> TruncatedNormal.of(t(dt, 0, 1), t(dt, 2, 0.5), t(dt, -1, 2), t(dt, 1, 4)),
                        Tensor.of(0.1, 2.5)),
                new Case("Binomial", dt -> Binomial.ofProbs(t(dt, 10, 40), t(dt, 0.3, 0.8)), Tensor.of(3.0, 30.0)),
                new Case("Poisson", dt -> Poisson.of(t(dt, 0.5, 40)), Tensor.of(0.0, 37.0)),
                new Case("Dirichlet", dt -> Dirichlet.of(t(dt, 0.5, 2, 3)), Tensor.of(0.2, 0.3, 0.5)),
                new Case("MultivariateNormal", dt -> MultivariateNormal.ofCovariance(t(dt, 0, 1), spd.castTo(dt)),
                        Tensor.of(0.4, -0.3)),
                new Case("LKJCholesky", dt -> LKJCholesky.of(2, t(dt, 1.5)),
                        Tensor.of(new double[][]{{1, 0}, {0.6, 0.8}})));
        for (Case c : cases) {
            Distribution d64 = c.make().apply(DataType.DOUBLE);
            Distribution d32 = c.make().apply(DataType.FLOAT);
            Tensor lp32 = d32.logProb(c.value().castTo(DataType.FLOAT));
            assertEquals(DataType.FLOAT, lp32.dtype(), c.name() + " float32 log density");
            double[] a = d64.logProb(c.value()).toDoubleArray();
            double[] b = lp32.castTo(DataType.DOUBLE).toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), c.name() + " element " + i);
            }
            assertEquals(DataType.FLOAT, d32.sample(RandomStream.of(1), 3).dtype(), c.name() + " float32 draws");
        }
        Tensor q = Normal.of(t(DataType.FLOAT, 1), t(DataType.FLOAT, 2)).icdf(t(DataType.FLOAT, 0.025, 0.5, 0.975));
        assertEquals(DataType.FLOAT, q.dtype());
        assertEquals(1 - 2 * 1.959963984540054, q.toDoubleArray()[0], 1e-5);
    }
}
