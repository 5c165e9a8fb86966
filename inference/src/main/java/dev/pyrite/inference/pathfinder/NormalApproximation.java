package dev.pyrite.inference.pathfinder;

import dev.pyrite.tensor.RandomStream;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The normal approximation Pathfinder places at an iterate x of the L-BFGS path: covariance
 * {@code Sigma = H}, the factored inverse-Hessian estimate there, and mean {@code x + H grad log p(x)},
 * the quasi-Newton step (Zhang et al. 2022, algorithm 5). Draws are {@code mu + L u} with
 * {@code Sigma = L L^T} (Cholesky) and u standard normal.
 *
 * <p>The covariance is formed densely from its factors, O(D^3) per approximation; the paper's thin-QR
 * sampler for {@code 2m < D} would make it O(D m^2).
 */
final class NormalApproximation {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private final double[] mean;
    private final double[][] cholesky;
    private final double logDeterminant;

    private NormalApproximation(double[] mean, double[][] cholesky, double logDeterminant) {
        this.mean = mean;
        this.cholesky = cholesky;
        this.logDeterminant = logDeterminant;
    }

    /**
     * The approximation at iterate x with gradient {@code gradU} of U = -log p, or null where the
     * estimated covariance is not numerically positive definite.
     */
    static NormalApproximation at(double[] x, double[] gradU, InverseHessianFactors factors) {
        double[][] sigma = factors.dense();
        int d = x.length;
        double[] mean = x.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                mean[i] -= sigma[i][j] * gradU[j];
            }
        }
        RealMatrix l;
        try {
            l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(sigma), 1e-10, 1e-300).getL();
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return null;
        }
        double[][] lower = l.getData();
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(lower[i][i]);
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                return null;
            }
        }
        return Double.isFinite(logDet) ? new NormalApproximation(mean, lower, logDet) : null;
    }

    int dimension() {
        return mean.length;
    }

    /** Writes a draw into {@code out} at {@code offset} and returns its log density under the approximation. */
    double draw(RandomStream stream, double[] out, int offset) {
        int d = mean.length;
        double[] u = new double[d];
        double squares = 0;
        for (int k = 0; k < d; k++) {
            u[k] = stream.normalDouble();
            squares += u[k] * u[k];
        }
        for (int i = 0; i < d; i++) {
            double v = mean[i];
            for (int k = 0; k <= i; k++) {
                v += cholesky[i][k] * u[k];
            }
            out[offset + i] = v;
        }
        return -0.5 * squares - 0.5 * logDeterminant - d * HALF_LOG_TWO_PI;
    }

    double[] mean() {
        return mean.clone();
    }

    /** The covariance L L^T. */
    double[][] covariance() {
        int d = mean.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += cholesky[i][k] * cholesky[j][k];
                }
                c[i][j] = s;
            }
        }
        return c;
    }
}
