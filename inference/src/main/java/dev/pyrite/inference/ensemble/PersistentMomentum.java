package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * What generalised HMC carries from one iteration to the next besides the position: each chain's
 * (whitened) momentum, partly refreshed every iteration and negated on a rejection (Horowitz 1991), and
 * its slice variable in [-1, 1), shifted by a fixed amount every iteration so that accept decisions are
 * made non-reversibly (Neal 2020, "Non-reversibly updating a uniform [0,1] value for Metropolis
 * accept/reject decisions").
 */
final class PersistentMomentum implements Checkpointable {
    final double[] p;
    final double[] slice;

    PersistentMomentum(int chains, int dimension) {
        this.p = new double[chains * dimension];
        this.slice = new double[chains];
    }

    /** Draws each chain's momentum N(0, I) and slice uniform(-1, 1) from its own stream. */
    void draw(EnsembleState state) {
        int d = state.dimension;
        for (int c = 0; c < state.chains; c++) {
            for (int k = 0; k < d; k++) {
                p[c * d + k] = state.streams[c].normalDouble();
            }
            slice[c] = 2 * state.streams[c].uniformDouble() - 1;
        }
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubles("momentum", p);
        out.doubles("slice", slice);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("momentum", p);
        in.doublesInto("slice", slice);
    }
}
