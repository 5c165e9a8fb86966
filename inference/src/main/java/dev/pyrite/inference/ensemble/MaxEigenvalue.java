package dev.pyrite.inference.ensemble;

/**
 * MEADS's estimate of the largest eigenvalue of a covariance from n independent rows x_i of it
 * (Hoffman and Sountsov 2022, section 3.2): {@code E[(x . x')^2] / E[x . x] = tr(S^2) / tr(S)}, both
 * expectations estimated without bias, the first over the n(n-1) pairs i != j. It is at most the largest
 * eigenvalue and near it when one direction dominates, at a cost linear in D.
 */
final class MaxEigenvalue {
    private MaxEigenvalue() {
    }

    /** The estimate from the rows of {@code x} ({@code [n * d]} row-major, {@code n >= 2}). */
    static double estimate(double[] x, int n, int d) {
        double trace = 0;
        double fourth = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int k = 0; k < d; k++) {
                sq += x[i * d + k] * x[i * d + k];
            }
            trace += sq;
            fourth += sq * sq;
        }
        trace /= n;
        double pairs = n <= d ? gramPairs(x, n, d) : frobenius(x, n, d) - fourth;
        return pairs / ((double) n * (n - 1)) / trace;
    }

    /** {@code sum over i != j of (x_i . x_j)^2} by the n x n Gram matrix (cheaper when n <= d). */
    private static double gramPairs(double[] x, int n, int d) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i * d + k] * x[j * d + k];
                }
                s += 2 * dot * dot;
            }
        }
        return s;
    }

    /** {@code |X^T X|_F^2 = sum over all i, j of (x_i . x_j)^2}, by the d x d matrix (cheaper when d < n). */
    private static double frobenius(double[] x, int n, int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double xk = x[i * d + k];
                for (int l = k; l < d; l++) {
                    a[k * d + l] += xk * x[i * d + l];
                }
            }
        }
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += a[k * d + k] * a[k * d + k];
            for (int l = k + 1; l < d; l++) {
                s += 2 * a[k * d + l] * a[k * d + l];
            }
        }
        return s;
    }
}
