package dev.pyrite.inference.pathfinder;

import java.util.Collection;

/**
 * A diagonal inverse-Hessian estimate fitted to the secant equations {@code diag(alpha) z_j = s_j} of the
 * stored L-BFGS pairs, coordinate by coordinate in least squares:
 * {@code alpha_n = sum_j s_jn z_jn / sum_j z_jn^2}. Where the target's Hessian is diagonal (independent
 * coordinates of any scales) every pair satisfies these equations exactly, and so does the fit, whereas
 * Gilbert &amp; Lemaréchal's update (the paper's algorithm 4) rescales the coordinates that the last step
 * hardly moved by the curvature along that step: on a 100-d Gaussian with scales 0.01 to 1 it ends a
 * factor 70 off in some coordinates. A coordinate the pairs do not determine (no movement, or a
 * non-positive fit, as a correlated or non-convex target can give) keeps the fallback value.
 *
 * <p>Pathfinder offers this diagonal next to the paper's as a second candidate at every iterate and lets
 * the ELBO choose (see {@link Pathfinder}); neither is right in general.
 */
final class SecantDiagonal {
    /** A coordinate counts as moved when its z entries carry this share of the pairs' squared norm. */
    static final double DETERMINED = 1e-16;

    private SecantDiagonal() {
    }

    /**
     * The fit over {@code pairs} ({@code {s, z}} each), with {@code fallback}'s entry wherever a
     * coordinate is undetermined; a new array.
     */
    static double[] fit(double[] fallback, Collection<double[][]> pairs) {
        int d = fallback.length;
        double total = 0;
        for (double[][] pair : pairs) {
            total += LbfgsPath.dot(pair[1], pair[1]);
        }
        double[] alpha = fallback.clone();
        for (int n = 0; n < d; n++) {
            double sz = 0;
            double zz = 0;
            for (double[][] pair : pairs) {
                sz += pair[0][n] * pair[1][n];
                zz += pair[1][n] * pair[1][n];
            }
            double fitted = sz / zz;
            if (zz > DETERMINED * total && fitted > 0 && Double.isFinite(fitted)) {
                alpha[n] = fitted;
            }
        }
        return alpha;
    }
}
