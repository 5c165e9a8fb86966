package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;

/**
 * {@link MassMatrixAdaptation} (one per chain) against Commons Math's two-pass sample covariance of the same draws,
 * regularised as Stan does ({@code var_adaptation} / {@code covar_adaptation}):
 * {@code n/(n+5) * S + 1e-3 * 5/(n+5) * I}, with S the unbiased (n - 1) sample covariance.
 */
class MassMatrixAdaptationTest {
    private static final int CHAINS = 3;
    private static final int DIM = 4;
    private static final double TOLERANCE = 1e-12;

    /** Fixed, correlated draws per chain, far from zero mean so that a naive one-pass formula would lose digits. */
    private static double[][][] draws(int n) {
        SplittableRandom random = new SplittableRandom(20261205L);
        double[][][] x = new double[CHAINS][n][DIM];
        for (int c = 0; c < CHAINS; c++) {
            for (int i = 0; i < n; i++) {
                double z0 = random.nextGaussian();
                double z1 = random.nextGaussian();
                x[c][i][0] = 1000.0 + (c + 1) * z0;
                x[c][i][1] = -3.0 + 0.5 * z0 + 0.2 * z1;
                x[c][i][2] = 0.01 * random.nextGaussian();
                x[c][i][3] = z1 * z1;
            }
        }
        return x;
    }

    /** One adapter per chain, fed that chain's draws. */
    private static MassMatrixAdaptation[] feed(boolean dense, double[][][] x) {
        MassMatrixAdaptation[] m = new MassMatrixAdaptation[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            m[c] = new MassMatrixAdaptation(DIM, dense);
            for (double[] q : x[c]) {
                m[c].add(q);
            }
        }
        return m;
    }

    private static double[][] regularised(double[][] sample, int n) {
        double[][] expected = new double[DIM][DIM];
        for (int a = 0; a < DIM; a++) {
            for (int b = 0; b < DIM; b++) {
                expected[a][b] = n / (n + 5.0) * sample[a][b] + (a == b ? 1e-3 * 5.0 / (n + 5.0) : 0.0);
            }
        }
        return expected;
    }

    @Test
    void denseEstimateIsStansRegularisedSampleCovariance() {
        for (int n : new int[] {2, 25, 400}) {
            double[][][] x = draws(n);
            MassMatrixAdaptation[] m = feed(true, x);
            for (int c = 0; c < CHAINS; c++) {
                double[] inv = m[c].inverseMass();
                assertEquals(DIM * DIM, inv.length);
                double[][] expected = regularised(new Covariance(x[c], true).getCovarianceMatrix().getData(), n);
                for (int a = 0; a < DIM; a++) {
                    for (int b = 0; b < DIM; b++) {
                        double e = expected[a][b];
                        assertEquals(e, inv[a * DIM + b], TOLERANCE * Math.max(1.0, Math.abs(e)),
                                "n " + n + ", chain " + c + ", [" + a + "," + b + "]");
                    }
                }
            }
        }
    }

    @Test
    void diagonalEstimateIsTheDiagonalOfTheDenseOne() {
        for (int n : new int[] {2, 25, 400}) {
            double[][][] x = draws(n);
            MassMatrixAdaptation[] m = feed(false, x);
            for (int c = 0; c < CHAINS; c++) {
                double[] inv = m[c].inverseMass();
                assertEquals(DIM, inv.length);
                double[][] expected = regularised(new Covariance(x[c], true).getCovarianceMatrix().getData(), n);
                for (int a = 0; a < DIM; a++) {
                    double e = expected[a][a];
                    assertEquals(e, inv[a], TOLERANCE * Math.max(1.0, Math.abs(e)),
                            "n " + n + ", chain " + c + ", [" + a + "]");
                }
            }
        }
    }

    /** Hand computation: draws 1, 2, 4 in one coordinate: mean 7/3, S = ((4/3)^2 + (1/3)^2 + (5/3)^2) / 2 = 7/3. */
    @Test
    void smallWindowByHand() {
        MassMatrixAdaptation m = new MassMatrixAdaptation(1, false);
        for (double v : new double[] {1, 2, 4}) {
            m.add(new double[] {v});
        }
        assertEquals(3, m.count());
        double expected = 3.0 / 8.0 * (7.0 / 3.0) + 1e-3 * 5.0 / 8.0;
        assertEquals(expected, m.inverseMass()[0], 1e-15);
    }

    @Test
    void resetStartsANewWindow() {
        double[][][] first = draws(30);
        double[][][] second = draws(7);
        for (int c = 0; c < CHAINS; c++) {
            for (int i = 0; i < 7; i++) {
                for (int a = 0; a < DIM; a++) {
                    second[c][i][a] = -2.0 * second[c][i][a] + 5.0;
                }
            }
        }
        MassMatrixAdaptation[] m = feed(true, first);
        for (int c = 0; c < CHAINS; c++) {
            m[c].reset();
            for (int i = 0; i < 7; i++) {
                m[c].add(second[c][i]);
            }
        }
        for (int c = 0; c < CHAINS; c++) {
            double[] inv = m[c].inverseMass();
            double[][] expected = regularised(new Covariance(second[c], true).getCovarianceMatrix().getData(), 7);
            for (int a = 0; a < DIM; a++) {
                for (int b = 0; b < DIM; b++) {
                    double e = expected[a][b];
                    assertEquals(e, inv[a * DIM + b], TOLERANCE * Math.max(1.0, Math.abs(e)));
                }
            }
        }
    }
}
