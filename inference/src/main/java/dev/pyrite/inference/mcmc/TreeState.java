package dev.pyrite.inference.mcmc;

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
    public IntegratorState stepping() {
        return subtree.leaf;
    }

    @Override
    public double signedStep() {
        return subtree.toRight ? stepSize : -stepSize;
    }
}
