package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pathfinder on a correlated Gaussian target (D = 5, AR(1) correlation 0.8, scales 0.5 to 3, mean away
 * from 0). On a Gaussian the approximation at the end of the path is close to the target itself, so the
 * resampled draws have the target's mean and covariance up to Monte Carlo error. The error of a mean from
 * n draws resampled out of a pool whose importance weights have effective size E is about
 * {@code sd sqrt(1/E + 1/n)}; each assertion allows 4 of those (about 6e-5 per assertion).
 */
@Tag(TestSeeds.TAG)
class PathfinderGaussianTest {
    static final int D = 5;
    static final double[] MEAN = {1, -2, 0.5, 3, 0};
    static final double[] SCALE = {1, 2, 0.5, 3, 1};
    static final double RHO = 0.8;
    static final int DRAWS = 4000;
    static final double Z = 4;

    static double covariance(int i, int j) {
        return SCALE[i] * SCALE[j] * Math.pow(RHO, Math.abs(i - j));
    }

    static Potential gaussian() {
        double[][] sigma = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                sigma[i][j] = covariance(i, j);
            }
        }
        RealMatrix precision = MatrixUtils.inverse(MatrixUtils.createRealMatrix(sigma));
        Tensor p = Tensor.of(precision.getData());
        Tensor m = Tensor.of(MEAN);
        return new Potential() {
            @Override
            public int dimension() {
                return D;
            }

            @Override
            public Tensor energy(Tensor q) {
                Tensor centred = q.sub(m);
                return centred.matmul(p).mul(centred).sum(false, 1).mul(0.5);
            }
        };
    }

    @Test
    void recoversMeanAndCovariance() {
        PathfinderResult r = Pathfinder.of(gaussian()).paths(4).draws(DRAWS).seed(TestSeeds.seed(31)).run();
        double[][] x = r.draws().toDoubleMatrix();
        assertEquals(DRAWS, x.length);
        double inflation = Math.sqrt(1 / r.importanceEss() + 1.0 / DRAWS);
        double[] mean = new double[D];
        for (double[] row : x) {
            for (int k = 0; k < D; k++) {
                mean[k] += row[k] / DRAWS;
            }
        }
        for (int k = 0; k < D; k++) {
            assertEquals(MEAN[k], mean[k], Z * SCALE[k] * inflation, "mean of coordinate " + k);
        }
        for (int i = 0; i < D; i++) {
            for (int j = 0; j <= i; j++) {
                double c = 0;
                for (double[] row : x) {
                    c += (row[i] - MEAN[i]) * (row[j] - MEAN[j]) / DRAWS;
                }
                // var of (x_i - m_i)(x_j - m_j) for a Gaussian: S_ii S_jj + S_ij^2
                double sd = Math.sqrt(covariance(i, i) * covariance(j, j) + covariance(i, j) * covariance(i, j));
                assertEquals(covariance(i, j), c, Z * sd * inflation, "covariance " + i + "," + j);
            }
        }
        // On a Gaussian the best approximation is near exact: KL near 0, so the ELBO is near log Z = 0
        // (U is the negative log density up to -log Z = (D/2) log 2 pi + log det Sigma / 2).
        double logZ = 0.5 * D * Math.log(2 * Math.PI) + 0.5 * Math.log(new org.apache.commons.math3.linear
                .LUDecomposition(MatrixUtils.createRealMatrix(sigmaMatrix())).getDeterminant());
        assertTrue(r.elbo() <= logZ + Z * 0.5, "ELBO " + r.elbo() + " above log Z " + logZ);
        assertTrue(r.elbo() > logZ - 0.5, "ELBO " + r.elbo() + " far below log Z " + logZ);
        // q close to p: the importance weights keep a good part of the pooled draws (seen 0.3 to 0.6 of them)
        assertTrue(r.importanceEss() > 0.05 * 4 * DRAWS, "importance ESS " + r.importanceEss());
        assertTrue(r.gradientEvaluations() < 4 * 200, "gradients " + r.gradientEvaluations());
    }

    private static double[][] sigmaMatrix() {
        double[][] sigma = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                sigma[i][j] = covariance(i, j);
            }
        }
        return sigma;
    }
}
