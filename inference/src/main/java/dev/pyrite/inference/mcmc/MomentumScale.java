package dev.pyrite.inference.mcmc;

/**
 * The factor S with {@code S S^T = M = invMass^-1} that turns standard normal draws into momenta
 * {@code p ~ N(0, M)}: {@code invMass^-1/2} for a diagonal metric, {@code L^-T} for a dense one with
 * {@code invMass = L L^T}.
 *
 * <p>The dense factor is computed in float64 Java loops rather than by libnd4j's {@code cholesky}: it
 * runs once per adaptation window, and libnd4j's op refuses the valid but ill-conditioned estimates
 * that a window shorter than the dimension gives (rank {@code n - 1} plus Stan's small ridge).
 */
final class MomentumScale {
    private MomentumScale() {
    }

    /**
     * S for one chain's inverse mass matrix, {@code [D]} (diagonal) or {@code [D, D]} row-major (dense),
     * written into {@code out} of the same length.
     */
    static void of(double[] invMass, int d, boolean dense, int chain, double[] out) {
        if (!dense) {
            for (int k = 0; k < d; k++) {
                out[k] = 1.0 / Math.sqrt(invMass[k]);
            }
            return;
        }
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(invMass, i * d, a[i], 0, d);
        }
        double[][] s = inverseTranspose(cholesky(a, chain));
        for (int i = 0; i < d; i++) {
            System.arraycopy(s[i], 0, out, i * d, d);
        }
    }

    /** Lower Cholesky factor (Cholesky-Banachiewicz); a non-positive pivot is a clear error. */
    static double[][] cholesky(double[][] a, int chain) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("chain " + chain + ": the adapted inverse mass matrix is not"
                                + " positive definite (pivot " + s + " at row " + i + "); use a diagonal metric or"
                                + " a longer warm-up");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** {@code L^-T} (upper triangular) of a lower-triangular L, by forward substitution for L^-1. */
    static double[][] inverseTranspose(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double s = i == col ? 1.0 : 0.0;
                for (int k = col; k < i; k++) {
                    s -= l[i][k] * inv[k][col];
                }
                inv[i][col] = s / l[i][i];
            }
        }
        double[][] t = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[i][j] = inv[j][i];
            }
        }
        return t;
    }
}
