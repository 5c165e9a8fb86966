package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.diagnostics.McseMean;

/** Pooled moments of draws {@code [chain][draw]} and their Monte Carlo standard errors. */
final class Moments {
    private Moments() {
    }

    static double mean(double[][] x) {
        double s = 0;
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    /** The squared deviations from {@code centre}, whose mean estimates the variance. */
    static double[][] squares(double[][] x, double centre) {
        double[][] sq = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            sq[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                sq[c][i] = (x[c][i] - centre) * (x[c][i] - centre);
            }
        }
        return sq;
    }

    static double mcse(double[][] x) {
        return McseMean.of(x);
    }
}
