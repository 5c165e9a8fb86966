package dev.pyrite.inference.pathfinder;

import java.util.Arrays;

/**
 * A generalized Pareto distribution {@code F(x) = 1 - (1 + k x / sigma)^(-1/k)}, {@code x >= 0}, fitted
 * to positive excesses by the empirical-Bayes estimate of Zhang &amp; Stephens ("A new and efficient
 * estimation method for the generalized Pareto distribution", Technometrics 51, 2009), with the weakly
 * informative prior on {@code k} (k n + 5) / (n + 10) of Vehtari et al.'s PSIS. {@code k > 0} is a heavy
 * tail; its moments of order {@code 1/k} and above do not exist.
 *
 * @param shape k
 * @param scale sigma
 */
record GeneralizedParetoFit(double shape, double scale) {
    /** Grid points of the estimate beyond {@code sqrt(n)} (Zhang &amp; Stephens use 20 + sqrt(n)). */
    private static final int MIN_GRID = 30;
    /** The prior's parameter in the grid of theta (Zhang &amp; Stephens' p = 3). */
    private static final double GRID_PRIOR = 3;

    /** The fit to {@code excesses} (at least 2, all >= 0, not all equal). */
    static GeneralizedParetoFit of(double[] excesses) {
        double[] x = excesses.clone();
        Arrays.sort(x);
        int n = x.length;
        int m = MIN_GRID + (int) Math.floor(Math.sqrt(n));
        double firstQuartile = x[(int) Math.floor(n / 4.0 + 0.5) - 1];
        // theta = -k / sigma on a grid; each point weighted by its profile likelihood
        double[] theta = new double[m];
        double[] logLik = new double[m];
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 0.5))) / (GRID_PRIOR * firstQuartile);
            double k = 0;
            for (double v : x) {
                k += Math.log1p(-theta[j] * v) / n;
            }
            // profile log likelihood per point of (theta, k(theta)), k(theta) = mean log(1 - theta x)
            logLik[j] = n * (Math.log(-theta[j] / k) - k - 1);
            if (Double.isNaN(logLik[j])) {
                logLik[j] = Double.NEGATIVE_INFINITY;
            }
            best = Math.max(best, logLik[j]);
        }
        double weightSum = 0;
        double thetaHat = 0;
        for (int j = 0; j < m; j++) {
            double w = Math.exp(logLik[j] - best);
            weightSum += w;
            thetaHat += w * theta[j];
        }
        thetaHat /= weightSum;
        double k = 0;
        for (double v : x) {
            k += Math.log1p(-thetaHat * v) / n;
        }
        double sigma = -k / thetaHat;
        double adjusted = (k * n + 0.5 * 10) / (n + 10);
        return new GeneralizedParetoFit(adjusted, sigma);
    }

    /** The p quantile {@code sigma ((1 - p)^(-k) - 1) / k}. */
    double quantile(double p) {
        if (Math.abs(shape) < 1e-12) {
            return -scale * Math.log1p(-p);
        }
        return scale * Math.expm1(-shape * Math.log1p(-p)) / shape;
    }
}
