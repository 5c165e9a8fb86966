package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * Every chain's current (last accepted) state: its position, potential and gradient, chain {@code c}'s
 * position at {@code q[c * D .. c * D + D)}.
 */
final class ChainPositions implements Checkpointable {
    final int dimension;
    final double[] q;
    final double[] potential;
    final double[] gradient;

    ChainPositions(int chains, int dimension) {
        this.dimension = dimension;
        this.q = new double[chains * dimension];
        this.potential = new double[chains];
        this.gradient = new double[chains * dimension];
    }

    /** Copies chain {@code c}'s position, potential and gradient from {@code from}. */
    void copyChain(int c, double[] fromQ, double fromPotential, double[] fromGradient) {
        System.arraycopy(fromQ, c * dimension, q, c * dimension, dimension);
        System.arraycopy(fromGradient, c * dimension, gradient, c * dimension, dimension);
        potential[c] = fromPotential;
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubles("q", q);
        out.doubles("potential", potential);
        out.doubles("gradient", gradient);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("q", q);
        in.doublesInto("potential", potential);
        in.doublesInto("gradient", gradient);
    }
}
