package dev.pyrite.inference.mcmc;

import static dev.pyrite.inference.mcmc.NutsGaussianTest.Z;
import static dev.pyrite.inference.mcmc.NutsGaussianTest.effectiveWindowDraws;
import static dev.pyrite.inference.mcmc.NutsGaussianTest.expectedInverseMass;
import static dev.pyrite.inference.mcmc.NutsGaussianTest.lastWindow;
import static dev.pyrite.inference.mcmc.NutsGaussianTest.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.inference.diagnostics.SplitRhat;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NUTS with a dense mass matrix on a strongly correlated Gaussian: AR(1) with rho = 0.9 in 50
 * dimensions, covariance rho^|i-j| (condition number about 360). The moments come out within their
 * Monte Carlo standard errors, and the adapted inverse mass matrix is the covariance up to the error of
 * an estimate from the last warm-up window.
 */
@Tag(TestSeeds.TAG)
class NutsDenseMassTest {
    static final int D = 50;
    static final double RHO = 0.9;
    static final int WARMUP = 500;
    static final int SAMPLES = 500;

    static double covariance(int i, int j) {
        return Math.pow(RHO, Math.abs(i - j));
    }

    /** U(q) = q^T P q / 2 with P the tridiagonal AR(1) precision. */
    static Potential ar1() {
        double[][] precision = new double[D][D];
        double scale = 1 / (1 - RHO * RHO);
        for (int i = 0; i < D; i++) {
            precision[i][i] = (i == 0 || i == D - 1 ? 1 : 1 + RHO * RHO) * scale;
            if (i > 0) {
                precision[i][i - 1] = -RHO * scale;
                precision[i - 1][i] = -RHO * scale;
            }
        }
        Tensor p = Tensor.of(precision);
        return new Potential() {
            @Override
            public int dimension() {
                return D;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.matmul(p).mul(q).sum(false, 1).mul(0.5);
            }
        };
    }

    @Test
    void correlatedGaussianMomentsAndAdaptedCovariance() {
        McmcSamples s = MCMC.nuts(ar1()).denseMass(true).chains(4).warmup(WARMUP).samples(SAMPLES)
                .seed(TestSeeds.seed(17)).run();
        double[][][] x = new double[D][][];
        for (int d = 0; d < D; d++) {
            x[d] = s.coordinate(d);
        }
        // 50 means, 50 variances and 4 covariances: at 4.5 MCSE each about 7e-4 of failing in all.
        for (int d = 0; d < D; d++) {
            double mcse = McseMean.of(x[d]);
            assertTrue(Math.abs(mean(x[d])) < Z * mcse, "mean of coordinate " + d + ": " + mean(x[d]) + ", MCSE " + mcse);
            assertTrue(SplitRhat.rhat(x[d]) < NutsGaussianTest.RHAT, "R-hat of coordinate " + d);
            double[][] sq = products(x[d], x[d]);
            assertEquals(1.0, mean(sq), Z * McseMean.of(sq), "variance of coordinate " + d);
        }
        for (int[] ij : new int[][]{{0, 1}, {24, 25}, {10, 12}, {30, 35}}) {
            double[][] p = products(x[ij[0]], x[ij[1]]);
            assertEquals(covariance(ij[0], ij[1]), mean(p), Z * McseMean.of(p), "covariance " + ij[0] + "," + ij[1]);
        }
        assertTrue(s.divergences() <= 2, "divergences: " + s.divergences());

        // The adapted inverse mass of each chain estimates the covariance from the n draws of the last
        // slow window (with MassMatrixAdaptation's shrinkage, undone here by expectedInverseMass). An entry
        // of a sample covariance has variance (S_ii S_jj + S_ij^2) / n; n counts the window's draws at the
        // ESS per draw of the squared coordinates (halved for the rougher warm-up metric).
        int window = lastWindow(WARMUP);
        double n = Double.POSITIVE_INFINITY;
        for (int d = 0; d < D; d++) {
            n = Math.min(n, effectiveWindowDraws(window, x[d], SAMPLES));
        }
        for (int c = 0; c < s.chains(); c++) {
            for (int[] ij : new int[][]{{0, 0}, {25, 25}, {0, 1}, {24, 25}, {10, 12}, {30, 35}}) {
                int i = ij[0];
                int j = ij[1];
                double sd = Math.sqrt((covariance(i, i) * covariance(j, j) + covariance(i, j) * covariance(i, j)) / n);
                assertEquals(expectedInverseMass(covariance(i, j), window, i == j), s.inverseMass().getDouble(c, i, j),
                        Z * sd, "inverse mass [" + i + "," + j + "] of chain " + c + " (window " + window
                                + ", effective draws " + n + ")");
            }
            // The whole matrix: whitened by the true covariance (z = A x with A = L^-1, L the Cholesky
            // factor of the AR(1) covariance) it is about the identity. For a sample covariance of n draws
            // E ||A S A^T - I||_F^2 = D (D + 1) / n, a sum of over a thousand terms whose own relative sd
            // is about 5%, so twice that bound is a safe ceiling. A diagonal metric, or a dense one not
            // estimated from the draws, is far above it (this AR(1) covariance alone gives ~ D / (1 - rho^2)).
            double frobenius = whitenedDistanceToIdentity(s, c, window);
            assertTrue(frobenius < 2 * D * (D + 1) / n, "chain " + c + ": ||A M^-1 A^T - I||_F^2 = " + frobenius
                    + ", expected about " + D * (D + 1) / n);
        }
    }

    /** ||A M^-1 A^T - c I||_F^2, with c = window / (window + 5) the shrinkage of the estimate. */
    private static double whitenedDistanceToIdentity(McmcSamples s, int chain, int window) {
        double root = Math.sqrt(1 - RHO * RHO);
        double[][] m = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                m[i][j] = s.inverseMass().getDouble(chain, i, j);
            }
        }
        // A has 1 at [0][0], 1/root on the rest of the diagonal and -rho/root below it.
        double[][] am = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                am[i][j] = i == 0 ? m[0][j] : (m[i][j] - RHO * m[i - 1][j]) / root;
            }
        }
        double shrink = window / (window + 5.0);
        double sum = 0;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double w = j == 0 ? am[i][0] : (am[i][j] - RHO * am[i][j - 1]) / root;
                double diff = w - (i == j ? shrink : 0.0);
                sum += diff * diff;
            }
        }
        return sum;
    }

    /** (x - mean x)(y - mean y) draw by draw. */
    private static double[][] products(double[][] x, double[][] y) {
        double mx = mean(x);
        double my = mean(y);
        double[][] p = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            p[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                p[c][i] = (x[c][i] - mx) * (y[c][i] - my);
            }
        }
        return p;
    }
}
