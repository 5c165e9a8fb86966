package dev.pyrite.inference.ensemble;

/**
 * The leapfrog integrator in whitened momentum: with a diagonal inverse mass {@code s^2}, the momentum is
 * kept as {@code p~ = s p}, so that it is drawn as N(0, I), its kinetic energy is {@code |p~|^2 / 2}, and
 * {@code dq/dt = s p~}. Every method works on one chain's row of the ensemble's flat arrays.
 */
final class ScaledLeapfrog {
    private ScaledLeapfrog() {
    }

    /** {@code p~ -= h s grad} on row {@code at} (offset {@code at}, length {@code d}). */
    static void kick(double[] p, double[] grad, double[] scale, int scaleAt, double h, int at, int d) {
        for (int k = 0; k < d; k++) {
            p[at + k] -= h * scale[scaleAt + k] * grad[at + k];
        }
    }

    /** {@code q += eps s p~} on row {@code at}. */
    static void drift(double[] q, double[] p, double[] scale, int scaleAt, double eps, int at, int d) {
        for (int k = 0; k < d; k++) {
            q[at + k] += eps * scale[scaleAt + k] * p[at + k];
        }
    }

    /** {@code |p~|^2 / 2} of row {@code at}. */
    static double kinetic(double[] p, int at, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += p[at + k] * p[at + k];
        }
        return 0.5 * s;
    }

    /** Whether U, its gradient and q are finite on row {@code at}. */
    static boolean finite(double u, double[] grad, double[] q, int at, int d) {
        if (!Double.isFinite(u)) {
            return false;
        }
        for (int k = 0; k < d; k++) {
            if (!Double.isFinite(grad[at + k]) || !Double.isFinite(q[at + k])) {
                return false;
            }
        }
        return true;
    }
}
