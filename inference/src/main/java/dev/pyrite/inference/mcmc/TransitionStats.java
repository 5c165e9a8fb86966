package dev.pyrite.inference.mcmc;

/**
 * One chain's statistics of one transition: the mean acceptance probability over the trajectory, the
 * tree depth (0 for HMC), the leapfrog steps, whether it diverged, and the Hamiltonian at the chosen point.
 */
public record TransitionStats(double acceptStat, int treeDepth, int leapfrogs, boolean divergent, double energy) {
}
