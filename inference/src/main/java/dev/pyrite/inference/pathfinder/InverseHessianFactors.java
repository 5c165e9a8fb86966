package dev.pyrite.inference.pathfinder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The L-BFGS inverse-Hessian estimate at one iterate of a path in the factored form of Pathfinder
 * (Zhang et al. 2022, algorithms 3 and 4): {@code H = diag(alpha) + beta gamma beta^T}, with
 * {@code beta = [diag(alpha) Z, S]} ({@code D x 2m}) and
 * {@code gamma = [[0, -R^-1], [-R^-T, R^-T (E + Z^T diag(alpha) Z) R^-1]]} ({@code 2m x 2m}), where
 * {@code S} and {@code Z} hold the last m position and gradient differences of positive curvature,
 * {@code R} is the upper triangle of {@code S^T Z} and {@code E} its diagonal. This is the compact form
 * of m BFGS updates of {@code diag(alpha)} (Byrd, Nocedal &amp; Schnabel 1994, theorem 2.2).
 *
 * <p>The diagonal {@code alpha} starts at 1 and is updated with each accepted pair as the diagonal of the
 * scaled BFGS update of {@code B = diag(1/alpha)} (Gilbert &amp; Lemaréchal 1989; Pathfinder's
 * algorithm 4): with {@code a = z^T diag(alpha) z}, {@code b = z^T s}, {@code c = s^T diag(1/alpha) s},
 * {@code 1/alpha_n <- a / (b alpha_n) + z_n^2 / b - a s_n^2 / (b c alpha_n^2)}.
 */
final class InverseHessianFactors {
    /** A pair is kept when {@code s^T z > EPSILON z^T z} (the paper's curvature check). */
    static final double EPSILON = 2.2e-16;

    private final double[] alpha;
    private final double[][] beta;
    private final double[][] gamma;

    private InverseHessianFactors(double[] alpha, double[][] beta, double[][] gamma) {
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
    }

    /**
     * The factors at iterates 1..L of a path (entry l - 1 for iterate l), from its positions and gradients
     * of U = -log p; an entry is null where no pair of positive curvature has been seen yet.
     */
    static List<InverseHessianFactors> alongPath(List<double[]> positions, List<double[]> gradients,
                                                 int historySize) {
        return alongPath(positions, gradients, historySize, false);
    }

    /**
     * As {@link #alongPath(List, List, int)}, with the diagonal fitted to the stored pairs'
     * secant equations ({@link SecantDiagonal}, falling back to the paper's update) when {@code secant}.
     */
    static List<InverseHessianFactors> alongPath(List<double[]> positions, List<double[]> gradients,
                                                 int historySize, boolean secant) {
        int d = positions.get(0).length;
        double[] alpha = new double[d];
        java.util.Arrays.fill(alpha, 1.0);
        ArrayDeque<double[][]> history = new ArrayDeque<>();
        List<InverseHessianFactors> out = new ArrayList<>();
        for (int l = 1; l < positions.size(); l++) {
            double[] s = new double[d];
            double[] z = new double[d];
            for (int k = 0; k < d; k++) {
                s[k] = positions.get(l)[k] - positions.get(l - 1)[k];
                z[k] = gradients.get(l)[k] - gradients.get(l - 1)[k];
            }
            double b = LbfgsPath.dot(s, z);
            if (b > EPSILON * LbfgsPath.dot(z, z)) {
                alpha = updateDiagonal(alpha, s, z, b);
                history.addLast(new double[][]{s, z});
                if (history.size() > historySize) {
                    history.removeFirst();
                }
            }
            out.add(history.isEmpty() ? null
                    : of(secant ? SecantDiagonal.fit(alpha, history) : alpha, history.toArray(new double[0][][])));
        }
        return out;
    }

    /** Pathfinder's algorithm 4; keeps the old diagonal where round-off makes an entry non-positive. */
    static double[] updateDiagonal(double[] alpha, double[] s, double[] z, double b) {
        int d = alpha.length;
        double a = 0;
        double c = 0;
        for (int k = 0; k < d; k++) {
            a += z[k] * alpha[k] * z[k];
            c += s[k] * s[k] / alpha[k];
        }
        double[] next = new double[d];
        for (int k = 0; k < d; k++) {
            double inverse = a / (b * alpha[k]) + z[k] * z[k] / b - a * s[k] * s[k] / (b * c * alpha[k] * alpha[k]);
            next[k] = 1 / inverse;
            if (!(next[k] > 0) || !Double.isFinite(next[k])) {
                return alpha;
            }
        }
        return next;
    }

    /** The factors of diag(alpha) updated by the pairs {s, z}, oldest first. */
    static InverseHessianFactors of(double[] alpha, double[][][] pairs) {
        int d = alpha.length;
        int m = pairs.length;
        double[][] r = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                r[i][j] = LbfgsPath.dot(pairs[i][0], pairs[j][1]);
            }
        }
        double[][] rInv = upperTriangularInverse(r);
        // E + Z^T diag(alpha) Z
        double[][] middle = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double sum = i == j ? r[i][i] : 0;
                for (int k = 0; k < d; k++) {
                    sum += pairs[i][1][k] * alpha[k] * pairs[j][1][k];
                }
                middle[i][j] = sum;
            }
        }
        // R^-T middle R^-1
        double[][] lower = multiply(transpose(rInv), multiply(middle, rInv));
        double[][] gamma = new double[2 * m][2 * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                gamma[i][m + j] = -rInv[i][j];
                gamma[m + i][j] = -rInv[j][i];
                gamma[m + i][m + j] = lower[i][j];
            }
        }
        double[][] beta = new double[d][2 * m];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < m; i++) {
                beta[k][i] = alpha[k] * pairs[i][1][k];
                beta[k][m + i] = pairs[i][0][k];
            }
        }
        return new InverseHessianFactors(alpha.clone(), beta, gamma);
    }

    /** The D x D matrix {@code diag(alpha) + beta gamma beta^T}. */
    double[][] dense() {
        int d = alpha.length;
        double[][] bg = multiply(beta, gamma);
        double[][] h = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = i == j ? alpha[i] : 0;
                for (int k = 0; k < gamma.length; k++) {
                    sum += bg[i][k] * beta[j][k];
                }
                h[i][j] = sum;
                h[j][i] = sum;
            }
        }
        return h;
    }

    double[] alpha() {
        return alpha.clone();
    }

    private static double[][] upperTriangularInverse(double[][] r) {
        int m = r.length;
        double[][] inv = new double[m][m];
        for (int col = 0; col < m; col++) {
            for (int i = col; i >= 0; i--) {
                double sum = i == col ? 1 : 0;
                for (int k = i + 1; k <= col; k++) {
                    sum -= r[i][k] * inv[k][col];
                }
                inv[i][col] = sum / r[i][i];
            }
        }
        return inv;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int p = b.length;
        int q = b[0].length;
        double[][] out = new double[n][q];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                double v = a[i][k];
                if (v != 0) {
                    for (int j = 0; j < q; j++) {
                        out[i][j] += v * b[k][j];
                    }
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
