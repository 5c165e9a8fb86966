package dev.pyrite.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.RandomStream;
import org.junit.jupiter.api.Test;

class MaxEigenvalueTest {
    /** The definition, term by term: mean over pairs i != j of (x_i . x_j)^2, over the mean of |x_i|^2. */
    private static double bruteForce(double[] x, int n, int d) {
        double pairs = 0;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i * d + k] * x[j * d + k];
                }
                if (i == j) {
                    trace += dot;
                } else {
                    pairs += dot * dot;
                }
            }
        }
        return pairs / (n * (n - 1.0)) / (trace / n);
    }

    private static double[] rows(int n, int d, long seed) {
        RandomStream r = RandomStream.of(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.normalDouble() * (1 + (i % d));
        }
        return x;
    }

    @Test
    void gramBranchMatchesTheDefinition() {
        double[] x = rows(6, 9, 1);   // n <= d
        assertEquals(bruteForce(x, 6, 9), MaxEigenvalue.estimate(x, 6, 9), 1e-10 * bruteForce(x, 6, 9));
    }

    @Test
    void covarianceBranchMatchesTheDefinition() {
        double[] x = rows(11, 3, 2);   // d < n
        assertEquals(bruteForce(x, 11, 3), MaxEigenvalue.estimate(x, 11, 3), 1e-10 * bruteForce(x, 11, 3));
    }
}
