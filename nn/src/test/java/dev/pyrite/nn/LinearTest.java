package dev.pyrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.GradientCheck;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batched affine map against a brute-force triple loop, for the shapes a model meets: plain weights,
 * weights with a chains dimension and a singleton plate dimension (the first layer, data without
 * chains), and both batched (later layers); and its gradients against finite differences on both
 * executors.
 */
class LinearTest {
    private static final RandomStream STREAM = RandomStream.of(11);

    /** out[c, n, o] = sum_i x[c or 0, n, i] w[c or 0, i, o] + b[c or 0, o], by loops. */
    private static double[][][] bruteForce(INDArray x, INDArray w, INDArray b, int chains) {
        int n = (int) x.size(x.rank() - 2);
        int in = (int) w.size(w.rank() - 2);
        int out = (int) w.size(w.rank() - 1);
        INDArray x3 = x.reshape(x.length() / ((long) n * in), n, in);
        INDArray w3 = w.reshape(w.length() / ((long) in * out), in, out);
        INDArray b2 = b.reshape(b.length() / out, out);
        double[][][] y = new double[chains][n][out];
        for (int c = 0; c < chains; c++) {
            int cx = x3.size(0) == 1 ? 0 : c;
            int cw = w3.size(0) == 1 ? 0 : c;
            for (int r = 0; r < n; r++) {
                for (int o = 0; o < out; o++) {
                    double s = b2.getDouble(b2.size(0) == 1 ? 0 : c, o);
                    for (int i = 0; i < in; i++) {
                        s += x3.getDouble(cx, r, i) * w3.getDouble(cw, i, o);
                    }
                    y[c][r][o] = s;
                }
            }
        }
        return y;
    }

    private static void assertMatches(double[][][] expected, Tensor got) {
        double[] flat = got.toDoubleArray();
        int k = 0;
        for (double[][] plane : expected) {
            for (double[] row : plane) {
                for (double v : row) {
                    assertEquals(v, flat[k++], 1e-12 * Math.max(1, Math.abs(v)));
                }
            }
        }
        assertEquals(k, flat.length);
    }

    @Test
    void plainWeights() {
        INDArray x = STREAM.normal(5, 3);
        INDArray w = STREAM.normal(3, 4);
        INDArray b = STREAM.normal(4);
        Tensor y = Linear.apply(Tensor.of(x), Tensor.of(w), Tensor.of(b));
        assertArrayEquals(new long[]{5, 4}, y.shape());
        assertMatches(bruteForce(x, w, b, 1), y);
    }

    @Test
    void chainsOnTheWeightsFoldTheDataIntoOneProduct() {
        INDArray x = STREAM.normal(5, 3);                 // data plate at -1
        INDArray w = STREAM.normal(6, 1, 3, 4);           // [C, 1 (data plate), in, out]
        INDArray b = STREAM.normal(6, 1, 4);
        Tensor y = Linear.apply(Tensor.of(x), Tensor.of(w), Tensor.of(b));
        assertArrayEquals(new long[]{6, 5, 4}, y.shape(), "chains at -2 and data at -1, as the plates are");
        assertMatches(bruteForce(x, w, b, 6), y);
    }

    @Test
    void chainsOnBothAreOneBatchedProduct() {
        INDArray x = STREAM.normal(6, 5, 3);
        INDArray w = STREAM.normal(6, 1, 3, 4);
        INDArray b = STREAM.normal(6, 1, 4);
        Tensor y = Linear.apply(Tensor.of(x), Tensor.of(w), Tensor.of(b));
        assertArrayEquals(new long[]{6, 5, 4}, y.shape());
        assertMatches(bruteForce(x, w, b, 6), y);
    }

    @Test
    void gradientsMatchFiniteDifferencesOnBothExecutors() {
        INDArray x = STREAM.normal(4, 3);
        INDArray w = STREAM.normal(2, 1, 3, 5);
        INDArray b = STREAM.normal(2, 1, 5);
        INDArray w2 = STREAM.normal(2, 1, 5, 2);
        GradientCheck.check("two batched layers",
                in -> new Tensor[]{Linear.apply(Linear.apply(in[0], in[1], in[2]).tanh(), in[3], null).square()},
                1e-6, new int[]{0, 1, 2, 3}, x, w, b, w2);
    }
}
