package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MassMatrixAdaptation} against Commons Math's two-pass sample covariance of the same draws,
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

    private static MassMatrixAdaptation feed(boolean dense, double[][][] x) {
        MassMatrixAdaptation m = new MassMatrixAdaptation(dense);
        int n = x[0].length;
        for (int i = 0; i < n; i++) {
            double[][] q = new double[CHAINS][];
            for (int c = 0; c < CHAINS; c++) {
                q[c] = x[c][i];
            }
            m.add(Nd4j.create(q).castTo(DataType.DOUBLE));
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
            INDArray inv = feed(true, x).inverseMass();
            assertArrayEquals(new long[] {CHAINS, DIM, DIM}, inv.shape());
            for (int c = 0; c < CHAINS; c++) {
                double[][] expected = regularised(new Covariance(x[c], true).getCovarianceMatrix().getData(), n);
                for (int a = 0; a < DIM; a++) {
                    for (int b = 0; b < DIM; b++) {
                        double e = expected[a][b];
                        assertEquals(e, inv.getDouble(c, a, b), TOLERANCE * Math.max(1.0, Math.abs(e)),
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
            INDArray inv = feed(false, x).inverseMass();
            assertArrayEquals(new long[] {CHAINS, DIM}, inv.shape());
            for (int c = 0; c < CHAINS; c++) {
                double[][] expected = regularised(new Covariance(x[c], true).getCovarianceMatrix().getData(), n);
                for (int a = 0; a < DIM; a++) {
                    double e = expected[a][a];
                    assertEquals(e, inv.getDouble(c, a), TOLERANCE * Math.max(1.0, Math.abs(e)),
                            "n " + n + ", chain " + c + ", [" + a + "]");
                }
            }
        }
    }

    /** Hand computation: draws 1, 2, 4 in one coordinate: mean 7/3, S = ((4/3)^2 + (1/3)^2 + (5/3)^2) / 2 = 7/3. */
    @Test
    void smallWindowByHand() {
        MassMatrixAdaptation m = new MassMatrixAdaptation(false);
        for (double v : new double[] {1, 2, 4}) {
            m.add(Nd4j.create(new double[][] {{v}}));
        }
        assertEquals(3, m.count());
        double expected = 3.0 / 8.0 * (7.0 / 3.0) + 1e-3 * 5.0 / 8.0;
        assertEquals(expected, m.inverseMass().getDouble(0, 0), 1e-15);
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
        MassMatrixAdaptation m = feed(true, first);
        m.reset();
        for (int i = 0; i < 7; i++) {
            double[][] q = new double[CHAINS][];
            for (int c = 0; c < CHAINS; c++) {
                q[c] = second[c][i];
            }
            m.add(Nd4j.create(q));
        }
        INDArray inv = m.inverseMass();
        for (int c = 0; c < CHAINS; c++) {
            double[][] expected = regularised(new Covariance(second[c], true).getCovarianceMatrix().getData(), 7);
            for (int a = 0; a < DIM; a++) {
                for (int b = 0; b < DIM; b++) {
                    double e = expected[a][b];
                    assertEquals(e, inv.getDouble(c, a, b), TOLERANCE * Math.max(1.0, Math.abs(e)));
                }
            }
        }
    }
}
