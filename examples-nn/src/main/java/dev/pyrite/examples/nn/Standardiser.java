package dev.pyrite.examples.nn;

/**
 * Centres and scales columns by the training rows' means and standard deviations, so that held-out
 * rows are transformed with statistics they did not contribute to.
 */
public final class Standardiser {
    private final double[] mean;
    private final double[] sd;

    private Standardiser(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    /** The column means and (population) standard deviations of {@code rows}. */
    public static Standardiser fit(double[][] rows) {
        int d = rows[0].length;
        double[] m = new double[d];
        double[] s = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                m[j] += r[j] / rows.length;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                s[j] += (r[j] - m[j]) * (r[j] - m[j]) / rows.length;
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = s[j] > 0 ? Math.sqrt(s[j]) : 1.0;   // a constant column stays at 0
        }
        return new Standardiser(m, s);
    }

    /** For one column: {@code fit} of the values as rows of length 1. */
    public static Standardiser fit(double[] values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[]{values[i]};
        }
        return fit(rows);
    }

    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / sd[j];
            }
        }
        return out;
    }

    /** For a one-column standardiser: the values standardised. */
    public double[] apply(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - mean[0]) / sd[0];
        }
        return out;
    }

    /** The scale of column {@code j}: a standardised difference times this is in the original units. */
    public double scale(int j) {
        return sd[j];
    }

    /** The mean of column {@code j}. */
    public double mean(int j) {
        return mean[j];
    }
}
