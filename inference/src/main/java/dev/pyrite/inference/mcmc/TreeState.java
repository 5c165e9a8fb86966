package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * One chain's NUTS trajectory (NumPyro's {@code TreeInfo}): both edges, the multinomial proposal and its
 * Hamiltonian, the log weight and momentum sum of the whole tree, the subtree being grown, and the
 * transition's running statistics.
 */
final class TreeState implements TrajectoryState {
    final IntegratorState left;
    final IntegratorState right;
    final IntegratorState proposal;
    double proposalEnergy;
    double logWeight;
    /** Sum of the momenta over the whole tree, both edges included. */
    final double[] rho;
    /** The Hamiltonian at the start of the transition. */
    double initialEnergy;
    /** The step size of this transition (unsigned). */
    double stepSize;
    int depth;
    final SubtreeState subtree;
    double sumAcceptProb;
    int leapfrogs;
    boolean diverged;

    TreeState(int dimension, int maxDepth) {
        left = new IntegratorState(dimension);
        right = new IntegratorState(dimension);
        proposal = new IntegratorState(dimension);
        rho = new double[dimension];
        subtree = new SubtreeState(dimension, maxDepth);
    }

    @Override
    public void writeState(StateWriter out) {
        out.part("left", left);
        out.part("right", right);
        out.part("proposal", proposal);
        out.doubleValue("proposalEnergy", proposalEnergy);
        out.doubleValue("logWeight", logWeight);
        out.doubles("rho", rho);
        out.doubleValue("initialEnergy", initialEnergy);
        out.doubleValue("stepSize", stepSize);
        out.integer("depth", depth);
        out.part("subtree", subtree);
        out.doubleValue("sumAcceptProb", sumAcceptProb);
        out.integer("leapfrogs", leapfrogs);
        out.bool("diverged", diverged);
    }

    @Override
    public void readState(StateReader in) {
        in.part("left", left);
        in.part("right", right);
        in.part("proposal", proposal);
        proposalEnergy = in.doubleValue("proposalEnergy");
        logWeight = in.doubleValue("logWeight");
        in.doublesInto("rho", rho);
        initialEnergy = in.doubleValue("initialEnergy");
        stepSize = in.doubleValue("stepSize");
        depth = in.integer("depth");
        in.part("subtree", subtree);
        sumAcceptProb = in.doubleValue("sumAcceptProb");
        leapfrogs = in.integer("leapfrogs");
        diverged = in.bool("diverged");
    }

    @Override
    public IntegratorState stepping() {
        return subtree.leaf;
    }

    @Override
    public double signedStep() {
        return subtree.toRight ? stepSize : -stepSize;
    }
}
