package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;

/**
 * One chain's Euclidean metric: the inverse mass matrix, diagonal ({@code [D]}) or dense
 * ({@code [D, D]} row-major), and the factor S with {@code S S^T = M} that turns standard normal draws
 * into momenta. The one kinetic-energy implementation of the samplers: K(p) = p^T M^-1 p / 2.
 */
final class Metric implements Checkpointable {
    private final int dimension;
    private final boolean dense;
    private final double[] inverseMass;
    private final double[] momentumScale;
    /** Scratch for M^-1 p and the standard normal draws: a chain is advanced by one thread at a time. */
    private final double[] scratch;

    /** The unit metric. */
    Metric(int dimension, boolean dense) {
        this.dimension = dimension;
        this.dense = dense;
        this.inverseMass = new double[dense ? dimension * dimension : dimension];
        this.momentumScale = new double[inverseMass.length];
        this.scratch = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            inverseMass[dense ? k * dimension + k : k] = 1.0;
            momentumScale[dense ? k * dimension + k : k] = 1.0;
        }
    }

    boolean isDense() {
        return dense;
    }

    /** The inverse mass matrix ({@code [D]} or {@code [D, D]} row-major); read only. */
    double[] inverseMass() {
        return inverseMass;
    }

    /** Adopts a new inverse mass matrix (at the end of an adaptation window) for chain {@code chain}. */
    void setInverseMass(double[] newInverseMass, int chain) {
        System.arraycopy(newInverseMass, 0, inverseMass, 0, inverseMass.length);
        MomentumScale.of(inverseMass, dimension, dense, chain, momentumScale);
    }

    /**
     * The inverse mass and its momentum scale, both as written: recomputing the scale from the inverse
     * mass would give the same bits too, but reading it keeps a resumed run free of that assumption.
     */
    @Override
    public void writeState(StateWriter out) {
        out.doubles("inverseMass", inverseMass);
        out.doubles("momentumScale", momentumScale);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("inverseMass", inverseMass);
        in.doublesInto("momentumScale", momentumScale);
    }

    /** {@code out = M^-1 p}. */
    void velocity(double[] p, double[] out) {
        velocity(p, 0, out);
    }

    /** {@code out = M^-1 p} for the momentum stored at {@code p[offset .. offset + D)}. */
    private void velocity(double[] p, int offset, double[] out) {
        if (!dense) {
            for (int k = 0; k < dimension; k++) {
                out[k] = inverseMass[k] * p[offset + k];
            }
            return;
        }
        for (int i = 0; i < dimension; i++) {
            double s = 0;
            int row = i * dimension;
            for (int j = 0; j < dimension; j++) {
                s += inverseMass[row + j] * p[offset + j];
            }
            out[i] = s;
        }
    }

    /** K(p) = p^T M^-1 p / 2. */
    double kineticEnergy(double[] p) {
        velocity(p, scratch);
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            s += scratch[k] * p[k];
        }
        return 0.5 * s;
    }

    /** A fresh momentum {@code out = S z}, z ~ N(0, I) drawn from the chain's own stream. */
    void sampleMomentum(RandomStream stream, double[] out) {
        for (int k = 0; k < dimension; k++) {
            scratch[k] = stream.normalDouble();
        }
        if (!dense) {
            for (int k = 0; k < dimension; k++) {
                out[k] = momentumScale[k] * scratch[k];
            }
            return;
        }
        for (int i = 0; i < dimension; i++) {
            double s = 0;
            int row = i * dimension;
            for (int j = 0; j < dimension; j++) {
                s += momentumScale[row + j] * scratch[j];
            }
            out[i] = s;
        }
    }

    /**
     * The generalised no-U-turn criterion (Betancourt 2017, appendix A.4.2) between edge momenta
     * {@code pLeft}, {@code pRight} with {@code rho} the sum of the momenta over the trajectory, both ends
     * included: true where the trajectory has started to turn back.
     */
    boolean turning(double[] pLeft, double[] pRight, double[] rho) {
        return turning(pLeft, 0, pRight, rho);
    }

    /** {@link #turning(double[], double[], double[])} with the left momentum at {@code pLeft[leftOffset ..]}. */
    boolean turning(double[] pLeft, int leftOffset, double[] pRight, double[] rho) {
        velocity(pLeft, leftOffset, scratch);
        if (dotWithCentredSum(pLeft, leftOffset, pRight, rho) <= 0) {
            return true;
        }
        velocity(pRight, 0, scratch);
        return dotWithCentredSum(pLeft, leftOffset, pRight, rho) <= 0;
    }

    /** {@code scratch . (rho - (pLeft + pRight) / 2)}. */
    private double dotWithCentredSum(double[] pLeft, int leftOffset, double[] pRight, double[] rho) {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            s += scratch[k] * (rho[k] - 0.5 * (pLeft[leftOffset + k] + pRight[k]));
        }
        return s;
    }
}
