package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * The factored inverse Hessian against its definitions computed with plain matrices: m BFGS updates of
 * diag(alpha) one after another (Nocedal &amp; Wright eq. 6.17), and the diagonal update as the diagonal
 * of the scaled BFGS update of B = diag(1/alpha).
 */
class InverseHessianFactorsTest {
    private static final int D = 7;

    @Test
    void compactFormEqualsRepeatedBfgsUpdates() {
        Random random = new Random(3);
        double[] alpha = new double[D];
        for (int k = 0; k < D; k++) {
            alpha[k] = 0.5 + random.nextDouble();
        }
        double[][][] pairs = randomPairs(random, 4);
        RealMatrix h = MatrixUtils.createRealDiagonalMatrix(alpha);
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(D);
        for (double[][] pair : pairs) {
            RealVector s = MatrixUtils.createRealVector(pair[0]);
            RealVector y = MatrixUtils.createRealVector(pair[1]);
            double rho = 1 / s.dotProduct(y);
            RealMatrix left = identity.subtract(s.outerProduct(y).scalarMultiply(rho));
            h = left.multiply(h).multiply(left.transpose()).add(s.outerProduct(s).scalarMultiply(rho));
        }
        double[][] compact = InverseHessianFactors.of(alpha, pairs).dense();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                assertEquals(h.getEntry(i, j), compact[i][j], 1e-10 * (1 + Math.abs(h.getEntry(i, j))),
                        "H[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void diagonalUpdateIsTheDiagonalOfTheScaledBfgsUpdate() {
        Random random = new Random(5);
        double[] alpha = new double[D];
        for (int k = 0; k < D; k++) {
            alpha[k] = 0.2 + random.nextDouble();
        }
        double[][] pair = randomPairs(random, 1)[0];
        RealVector s = MatrixUtils.createRealVector(pair[0]);
        RealVector z = MatrixUtils.createRealVector(pair[1]);
        RealMatrix b = MatrixUtils.createRealDiagonalMatrix(alpha);
        double scale = b.operate(z).dotProduct(z) / z.dotProduct(s);   // z^T diag(alpha) z / z^T s
        for (int k = 0; k < D; k++) {
            b.setEntry(k, k, scale / alpha[k]);
        }
        RealVector bs = b.operate(s);
        RealMatrix updated = b.subtract(bs.outerProduct(bs).scalarMultiply(1 / s.dotProduct(bs)))
                .add(z.outerProduct(z).scalarMultiply(1 / z.dotProduct(s)));
        double[] next = InverseHessianFactors.updateDiagonal(alpha, pair[0], pair[1], s.dotProduct(z));
        for (int k = 0; k < D; k++) {
            assertEquals(1 / updated.getEntry(k, k), next[k], 1e-12 * next[k], "alpha[" + k + "]");
        }
    }

    @Test
    void pairsOfNegativeCurvatureAreSkipped() {
        List<double[]> x = new ArrayList<>();
        List<double[]> g = new ArrayList<>();
        x.add(new double[]{0, 0});
        g.add(new double[]{1, 1});
        x.add(new double[]{1, 0});
        g.add(new double[]{0, 1});      // s.z = -1: negative curvature
        x.add(new double[]{1, 1});
        g.add(new double[]{0, 3});      // s.z = 2
        List<InverseHessianFactors> f = InverseHessianFactors.alongPath(x, g, 6);
        assertNull(f.get(0));
        // one pair s = (0, 1), z = (0, 2) from alpha = 1: a = z.alpha.z = 4, b = s.z = 2, c = s.s/alpha = 1,
        // so alpha_0 = b / a = 0.5, and the secant condition H z = s gives H_11 = 0.5
        double[][] h = f.get(1).dense();
        assertEquals(0.5, h[0][0], 1e-12);
        assertEquals(0.5, h[1][1], 1e-12);
        assertEquals(0.0, h[0][1], 1e-12);
    }

    /** Pairs s, y = A s + noise with A symmetric positive definite, so that s^T y > 0. */
    private static double[][][] randomPairs(Random random, int m) {
        double[][] a = new double[D][D];
        for (int i = 0; i < D; i++) {
            a[i][i] = 1 + 2 * random.nextDouble();
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i] = 0.2 * (random.nextDouble() - 0.5);
            }
        }
        double[][][] pairs = new double[m][2][D];
        for (int p = 0; p < m; p++) {
            for (int k = 0; k < D; k++) {
                pairs[p][0][k] = random.nextGaussian();
            }
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    pairs[p][1][i] += a[i][j] * pairs[p][0][j];
                }
            }
        }
        return pairs;
    }
}
