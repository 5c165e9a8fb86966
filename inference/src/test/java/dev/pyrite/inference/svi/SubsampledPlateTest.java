package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Subsampling inside the model and guide ({@code plate(name, N, B)}): SVI's compiled step must take a
 * fresh subsample at every step (never the one drawn while tracing), share it between guide and model,
 * and scale by N / B, so that the loss is an unbiased estimate of the full-data loss.
 */
class SubsampledPlateTest {
    static final int N = 1000;
    static final int B = 100;

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    // ------------------------------------------------------------------ the indices themselves

    /** q(z) = p(z), so the loss is exactly -(N/B) * (sum of the subsample's indices): a probe of them. */
    static void probeModel(Tensor... args) {
        Pyrite.sample("z", Normal.of(0, 1));
        try (Plate p = Pyrite.plate("data", N, B)) {
            Pyrite.factor("probe", p.subsample(args[0]));
        }
    }

    static void probeGuide(Tensor... args) {
        Pyrite.sample("z", Normal.of(Pyrite.param("m", Tensor.scalar(0.0)), Tensor.scalar(1.0)));
    }

    static double[] indexSums(long seed, int steps) {
        ParamStore.global().clear();
        SVI svi = new SVI(SubsampledPlateTest::probeModel, SubsampledPlateTest::probeGuide, Adam.of(0.01),
                TraceELBO.of(2)).seed(seed);
        Tensor positions = Tensor.arange(N).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double[] sums = new double[steps];
        for (int i = 0; i < steps; i++) {
            sums[i] = -svi.evaluateLoss(positions) * B / N;
        }
        return sums;
    }

    @Tag(TestSeeds.TAG)
    @Test
    void everyStepDrawsAFreshUniformSubsample() {
        int steps = 400;
        long seed = TestSeeds.seed(11);
        double[] sums = indexSums(seed, steps);
        Set<Long> distinct = new HashSet<>();
        double mean = 0;
        for (double s : sums) {
            long k = Math.round(s);
            assertEquals(k, s, 1e-6 * s, "the loss is -(N/B) times an integer sum of indices");
            // B distinct indices of 0..N-1: the sum lies between the B smallest and the B largest
            assertTrue(k >= (long) B * (B - 1) / 2 && k <= (long) B * (2L * N - B - 1) / 2, "sum " + k);
            distinct.add(k);
            mean += s / steps;
        }
        // a frozen subsample gives one value; fresh ones (sd ~2700) rarely coincide
        assertTrue(distinct.size() > steps * 0.8, distinct.size() + " distinct subsample sums in " + steps + " steps");
        // sampling B of N without replacement: E sum = B (N-1)/2, Var = B sigma^2 (N-B)/(N-1), sigma^2 = (N^2-1)/12
        double expected = B * (N - 1) / 2.0;
        double sd = Math.sqrt(B * ((double) N * N - 1) / 12.0 * (N - B) / (N - 1));
        assertEquals(expected, mean, 4 * sd / Math.sqrt(steps), "mean subsample index sum");
        // the SVI's own seed decides the subsamples: the same seed gives the same sequence
        assertArrayEquals(sums, indexSums(seed, steps), 0.0);
    }
}
