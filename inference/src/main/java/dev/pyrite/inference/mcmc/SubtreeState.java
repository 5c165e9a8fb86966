package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * The subtree a NUTS chain is growing, one leaf per slot (NumPyro's iterative NUTS; Phan, Pradhan and
 * Jankowiak 2019): its newest leaf, which the next leapfrog advances, its log weight, multinomial
 * proposal and momentum sum, and the checkpoints of its balanced sub-subtrees against which each odd
 * leaf checks for a U-turn.
 */
final class SubtreeState implements Checkpointable {
    /** The newest leaf (the subtree's outer edge); stepped in place. */
    final IntegratorState leaf;
    final IntegratorState proposal;
    double proposalEnergy;
    /** log of the sum of the leaves' weights exp(H0 - H); minus infinity while empty. */
    double logWeight;
    /** Sum of the leaves' momenta. */
    final double[] rho;
    /** Checkpoint k: the momentum and the momentum sum at the leaf that starts sub-subtree k, {@code [K, D]}. */
    final double[] checkpointP;
    final double[] checkpointRho;
    /** Scratch for a sub-subtree's momentum sum. */
    final double[] subRho;
    boolean toRight;
    int leafIndex;
    int leaves;
    boolean diverged;
    boolean turning;

    SubtreeState(int dimension, int maxDepth) {
        leaf = new IntegratorState(dimension);
        proposal = new IntegratorState(dimension);
        rho = new double[dimension];
        checkpointP = new double[maxDepth * dimension];
        checkpointRho = new double[maxDepth * dimension];
        subRho = new double[dimension];
    }

    /** Everything but the scratch {@code subRho}, which is recomputed before each use. */
    @Override
    public void writeState(StateWriter out) {
        out.part("leaf", leaf);
        out.part("proposal", proposal);
        out.doubleValue("proposalEnergy", proposalEnergy);
        out.doubleValue("logWeight", logWeight);
        out.doubles("rho", rho);
        out.doubles("checkpointP", checkpointP);
        out.doubles("checkpointRho", checkpointRho);
        out.bool("toRight", toRight);
        out.integer("leafIndex", leafIndex);
        out.integer("leaves", leaves);
        out.bool("diverged", diverged);
        out.bool("turning", turning);
    }

    @Override
    public void readState(StateReader in) {
        in.part("leaf", leaf);
        in.part("proposal", proposal);
        proposalEnergy = in.doubleValue("proposalEnergy");
        logWeight = in.doubleValue("logWeight");
        in.doublesInto("rho", rho);
        in.doublesInto("checkpointP", checkpointP);
        in.doublesInto("checkpointRho", checkpointRho);
        toRight = in.bool("toRight");
        leafIndex = in.integer("leafIndex");
        leaves = in.integer("leaves");
        diverged = in.bool("diverged");
        turning = in.bool("turning");
    }
}
