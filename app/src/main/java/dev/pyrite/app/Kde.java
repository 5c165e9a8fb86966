package dev.pyrite.app;

/**
 * A Gaussian kernel density estimate with Silverman's rule-of-thumb bandwidth,
 * {@code 0.9 min(sd, IQR / 1.34) n^(-1/5)}, evaluated on an even grid: for the density plots.
 */
final class Kde {
    private Kde() {
    }

    /**
     * The estimate from {@code data} on {@code points} grid points spanning [lo, hi] widened by three
     * bandwidths on each side: {@code {x, density}}. Constant data give a single spike.
     */
    static double[][] curve(double[] data, double lo, double hi, int points) {
        double[] x = finiteSorted(data);
        int n = x.length;
        if (n == 0) {
            return new double[][]{{0}, {0}};
        }
        double h = bandwidth(x);
        if (!(h > 0) || !(hi > lo)) {
            double c = n > 0 ? x[n / 2] : 0;
            return new double[][]{{c - 1, c, c + 1}, {0, 1, 0}};
        }
        double from = lo - 3 * h;
        double to = hi + 3 * h;
        double[] grid = new double[points];
        double[] density = new double[points];
        double norm = 1 / (n * h * Math.sqrt(2 * Math.PI));
        for (int i = 0; i < points; i++) {
            double g = from + (to - from) * i / (points - 1);
            grid[i] = g;
            double sum = 0;
            // only points within 6 bandwidths matter
            int start = lowerBound(x, g - 6 * h);
            for (int j = start; j < n && x[j] <= g + 6 * h; j++) {
                double z = (g - x[j]) / h;
                sum += Math.exp(-0.5 * z * z);
            }
            density[i] = sum * norm;
        }
        return new double[][]{grid, density};
    }

    /** Silverman's bandwidth of sorted data. */
    static double bandwidth(double[] sorted) {
        int n = sorted.length;
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return 0.9 * spread * Math.pow(n, -0.2);
    }

    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] finiteSorted(double[] data) {
        double[] out = java.util.Arrays.stream(data).filter(Double::isFinite).toArray();
        java.util.Arrays.sort(out);
        return out;
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
