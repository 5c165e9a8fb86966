package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The secant-fitted diagonal against closed forms. */
class SecantDiagonalTest {

    @Test
    void recoversTheInverseHessianOfASeparableQuadratic() {
        // U = sum q_n^2 / (2 v_n): z = s / v for every step, whatever the steps
        double[] v = {1e-4, 0.3, 2, 50};
        double[][] steps = {{1, -2, 0.5, 3}, {-0.1, 0.7, 2, -1}, {0.4, 0.4, -0.3, 0.2}};
        List<double[][]> pairs = new java.util.ArrayList<>();
        for (double[] s : steps) {
            double[] z = new double[v.length];
            for (int n = 0; n < v.length; n++) {
                z[n] = s[n] / v[n];
            }
            pairs.add(new double[][]{s, z});
        }
        assertArrayEquals(v, SecantDiagonal.fit(new double[]{1, 1, 1, 1}, pairs), 1e-15 * 50);
    }

    @Test
    void keepsTheFallbackWhereThePairsSayNothingOrTheFitIsNotPositive() {
        // coordinate 1 never moves; coordinate 2's s and z have opposite signs (sum s z < 0)
        double[][] pair = {{1, 0, 1}, {2, 0, -0.5}};
        double[] alpha = SecantDiagonal.fit(new double[]{7, 8, 9}, List.<double[][]>of(pair));
        assertEquals(0.5, alpha[0], 1e-15);
        assertEquals(8, alpha[1]);
        assertEquals(9, alpha[2]);
    }
}
