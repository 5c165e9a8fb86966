package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-chain statistics of one transition, each {@code [C]}: the mean acceptance probability over the
 * trajectory, tree depth, leapfrog steps, divergence (1/0) and the Hamiltonian at the chosen point.
 */
public record TransitionStats(INDArray acceptStat, INDArray treeDepth, INDArray leapfrogs, INDArray divergent,
                              INDArray energy) {
}
