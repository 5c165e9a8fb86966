package dev.pyrite.inference.pathfinder;

import dev.pyrite.tensor.RandomStream;

/**
 * Multinomial resampling (with replacement) of pooled draws by their importance weights, and the weights'
 * effective sample size. Pathfinder passes the weights through {@link ParetoSmoothedWeights} first (Zhang
 * et al. 2022, section 2.4).
 */
final class ImportanceResampling {
    private ImportanceResampling() {
    }

    /**
     * Indices of {@code n} draws taken with replacement, draw i with probability proportional to
     * {@code exp(logWeights[i])}; non-finite log weights get probability 0.
     */
    static int[] resample(double[] logWeights, int n, RandomStream stream) {
        double max = Double.NEGATIVE_INFINITY;
        for (double w : logWeights) {
            if (Double.isFinite(w)) {
                max = Math.max(max, w);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("Pathfinder: no draw of the approximations has a finite importance"
                    + " weight (log p - log q)");
        }
        double[] cumulative = new double[logWeights.length];
        double total = 0;
        for (int i = 0; i < logWeights.length; i++) {
            total += Double.isFinite(logWeights[i]) ? Math.exp(logWeights[i] - max) : 0;
            cumulative[i] = total;
        }
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            double u = stream.uniformDouble() * total;
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out[j] = lo;
        }
        return out;
    }

    /** The effective sample size {@code (sum w)^2 / sum w^2} of the normalised weights. */
    static double effectiveSampleSize(double[] logWeights) {
        double max = Double.NEGATIVE_INFINITY;
        for (double w : logWeights) {
            if (Double.isFinite(w)) {
                max = Math.max(max, w);
            }
        }
        double sum = 0;
        double squares = 0;
        for (double lw : logWeights) {
            if (Double.isFinite(lw)) {
                double w = Math.exp(lw - max);
                sum += w;
                squares += w * w;
            }
        }
        return sum * sum / squares;
    }
}
