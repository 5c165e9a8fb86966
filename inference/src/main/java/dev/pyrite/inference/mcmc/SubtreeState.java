package dev.pyrite.inference.mcmc;

/**
 * The subtree a NUTS chain is growing, one leaf per slot (NumPyro's iterative NUTS; Phan, Pradhan and
 * Jankowiak 2019): its newest leaf, which the next leapfrog advances, its log weight, multinomial
 * proposal and momentum sum, and the checkpoints of its balanced sub-subtrees against which each odd
 * leaf checks for a U-turn.
 */
final class SubtreeState {
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
}
