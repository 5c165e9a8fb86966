package dev.pyrite.examples.nn;

import java.util.Arrays;

/**
 * Held-out figures of posterior predictive draws {@code yRep [S][N]} against the observed {@code y [N]},
 * in the response's units: the coverage of the central {@code level} intervals (empirical quantiles of
 * each point's draws), their mean width, and the root mean squared error of the predictive mean.
 */
public record IntervalScores(double level, double coverage, double meanWidth, double rmse) {
    public static IntervalScores of(double[][] yRep, double[] y, double level) {
        int s = yRep.length;
        int n = y.length;
        double covered = 0;
        double width = 0;
        double sq = 0;
        double[] column = new double[s];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int k = 0; k < s; k++) {
                column[k] = yRep[k][i];
                mean += column[k] / s;
            }
            Arrays.sort(column);
            double lo = quantile(column, (1 - level) / 2);
            double hi = quantile(column, (1 + level) / 2);
            covered += y[i] >= lo && y[i] <= hi ? 1 : 0;
            width += (hi - lo) / n;
            sq += (y[i] - mean) * (y[i] - mean) / n;
        }
        return new IntervalScores(level, covered / n, width, Math.sqrt(sq));
    }

    /** The linear-interpolation quantile (type 7) of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String toString() {
        return String.format("%.0f%% intervals cover %.3f, mean width %.1f; RMSE %.1f", 100 * level, coverage, meanWidth, rmse);
    }
}
