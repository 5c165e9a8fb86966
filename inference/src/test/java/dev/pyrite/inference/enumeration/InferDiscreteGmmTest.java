package dev.pyrite.inference.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * infer_discrete on model C: with well-separated components (means 10 standard deviations apart) the
 * MAP assignment and a posterior draw both recover the assignments the data were generated with.
 */
@Tag(TestSeeds.TAG)
class InferDiscreteGmmTest {

    @Test
    void recoversTheGeneratingAssignments() {
        double[] theta = {0.3, 0.5, 0.2};
        double[] mu = {-10.0, 0.0, 10.0};
        double sigma = 1.0;
        int n = 60;
        Random rng = new Random(12);
        long[] z = new long[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            z[i] = u < theta[0] ? 0 : u < theta[0] + theta[1] ? 1 : 2;
            y[i] = mu[(int) z[i]] + sigma * rng.nextGaussian();
        }
        Runnable model = GmmModels.enumerated(Tensor.of(y));
        Map<String, Tensor> values = Map.of("theta", Tensor.of(theta), "mu", Tensor.of(mu), "sigma", Tensor.scalar(sigma));

        Map<String, Tensor> map = InferDiscrete.infer(model, values, 0);
        assertEquals(java.util.Set.of("z"), map.keySet());
        assertArrayEquals(new long[]{n}, map.get("z").shape());
        assertArrayEquals(z, map.get("z").array().toLongVector(), "MAP assignments");

        Map<String, Tensor> draw = InferDiscrete.infer(model, values, 1, RandomStream.of(TestSeeds.seed(5)));
        assertArrayEquals(z, draw.get("z").array().toLongVector(), "posterior draw");

        assertThrows(IllegalArgumentException.class, () -> InferDiscrete.infer(model, values, 0.5));
    }
}
