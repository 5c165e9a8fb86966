package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * A running (Welford) estimate of one chain's posterior variance, diagonal, or covariance, dense, over
 * one adaptation window; the new inverse mass matrix is the estimate shrunk towards 1e-3 I as in Stan:
 * {@code n/(n+5) * S + 1e-3 * 5/(n+5) * I}.
 */
final class MassMatrixAdaptation implements Checkpointable {
    private final int dimension;
    private final boolean dense;
    private final double[] mean;
    /** Sum of (x - old mean)(x - new mean), {@code [D]} or {@code [D, D]} row-major. */
    private final double[] m2;
    private final double[] delta;
    private long n;

    MassMatrixAdaptation(int dimension, boolean dense) {
        this.dimension = dimension;
        this.dense = dense;
        this.mean = new double[dimension];
        this.m2 = new double[dense ? dimension * dimension : dimension];
        this.delta = new double[dimension];
    }

    /** Starts a new window. */
    void reset() {
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(m2, 0);
        n = 0;
    }

    /** Adds one draw. */
    void add(double[] q) {
        n++;
        for (int k = 0; k < dimension; k++) {
            delta[k] = q[k] - mean[k];
            mean[k] += delta[k] / n;
        }
        if (dense) {
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    m2[i * dimension + j] += delta[i] * (q[j] - mean[j]);
                }
            }
        } else {
            for (int k = 0; k < dimension; k++) {
                m2[k] += delta[k] * (q[k] - mean[k]);
            }
        }
    }

    /** The window's mean, sums of squares and count; {@code delta} is scratch. */
    @Override
    public void writeState(StateWriter out) {
        out.doubles("mean", mean);
        out.doubles("m2", m2);
        out.longValue("n", n);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("mean", mean);
        in.doublesInto("m2", m2);
        n = in.longValue("n");
    }

    long count() {
        return n;
    }

    boolean isDense() {
        return dense;
    }

    /** The regularised inverse mass matrix from this window: {@code [D]} or {@code [D, D]} row-major. */
    double[] inverseMass() {
        double shrink = n / (n + 5.0);
        double ridge = 1e-3 * 5.0 / (n + 5.0);
        double norm = shrink / Math.max(n - 1, 1);
        double[] out = new double[m2.length];
        if (!dense) {
            for (int k = 0; k < dimension; k++) {
                out[k] = m2[k] * norm + ridge;
            }
            return out;
        }
        // Welford's outer products (x - old mean)(x - new mean)^T are not exactly symmetric.
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                out[i * dimension + j] = 0.5 * (m2[i * dimension + j] * norm + m2[j * dimension + i] * norm)
                        + (i == j ? ridge : 0.0);
            }
        }
        return out;
    }
}
