package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;

/**
 * Bayesian linear regression with known noise, {@code w ~ N(0, TAU^2 I)}, {@code y ~ N(X w, SIGMA^2)},
 * on fixed data whose first two columns are nearly collinear: the posterior is normal with precision
 * {@code I / TAU^2 + X^T X / SIGMA^2} and mean {@code Sigma X^T y / SIGMA^2}, and its first two
 * coefficients have correlation about -0.91. The closed form is computed here with a cofactor inverse.
 */
final class LinearRegressionPosterior {
    static final int D = 3;
    static final double TAU = 1.0;
    static final double SIGMA = 0.5;
    /** The design transposed, [D, N]. */
    static final double[][] X_T = {
            {1.0, -0.5, 0.3, 1.4, -1.2, 0.7, -0.2, 0.9, -1.5, 0.4, 1.1, -0.8},
            {0.8, -0.2, 0.6, 1.1, -1.4, 0.3, 0.1, 1.2, -1.1, 0.2, 0.7, -0.9},
            {0.5, 1.0, -0.7, 0.2, 0.3, -1.1, 0.8, -0.4, 0.6, -0.9, 0.1, 1.3}};
    static final double[] Y = {0.55, -0.36, -0.61, 1.2, 0.28, -0.17, 0.03, -0.37, -0.16, 0.49, 0.96, -0.06};

    private LinearRegressionPosterior() {
    }

    /** args = (X^T [D, N], y [N]). */
    static void model(Tensor... args) {
        Tensor w;
        try (Plate features = Pyrite.plate("features", args[0].size(0))) {
            w = Pyrite.sample("w", Normal.of(0, TAU));
        }
        try (Plate data = Pyrite.plate("data", args[1].size(0))) {
            Pyrite.sample("y", Normal.of(w.matmul(args[0]), Tensor.scalar(SIGMA)), args[1]);
        }
    }

    static Tensor[] args() {
        return new Tensor[]{Tensor.of(X_T), Tensor.of(Y)};
    }

    /** The posterior covariance [D][D]. */
    static double[][] covariance() {
        double[][] precision = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int n = 0; n < Y.length; n++) {
                    s += X_T[i][n] * X_T[j][n];
                }
                precision[i][j] = s / (SIGMA * SIGMA) + (i == j ? 1 / (TAU * TAU) : 0);
            }
        }
        return inverse3(precision);
    }

    /** The posterior mean [D]. */
    static double[] mean() {
        double[][] cov = covariance();
        double[] xty = new double[D];
        for (int i = 0; i < D; i++) {
            for (int n = 0; n < Y.length; n++) {
                xty[i] += X_T[i][n] * Y[n] / (SIGMA * SIGMA);
            }
        }
        double[] mean = new double[D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                mean[i] += cov[i][j] * xty[j];
            }
        }
        return mean;
    }

    private static double[][] inverse3(double[][] a) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (i + 1) % 3;
                int i2 = (i + 2) % 3;
                int j1 = (j + 1) % 3;
                int j2 = (j + 2) % 3;
                // cyclic cofactors carry their sign; the transpose gives the adjugate
                c[j][i] = a[i1][j1] * a[i2][j2] - a[i1][j2] * a[i2][j1];
            }
        }
        double det = a[0][0] * c[0][0] + a[0][1] * c[1][0] + a[0][2] * c[2][0];
        for (double[] row : c) {
            for (int j = 0; j < 3; j++) {
                row[j] /= det;
            }
        }
        return c;
    }
}
