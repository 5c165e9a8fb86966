package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.TransitionStats;

/** The per-draw statistics an ensemble iteration records, in the columns NUTS fills. */
final class DrawStats {
    private DrawStats() {
    }

    /**
     * One chain's statistics of one iteration of {@code steps} leapfrog steps. The tree depth column holds
     * log2 of the leapfrog count, as NUTS's would (the 1e-9 keeps exact powers of two from rounding down).
     */
    static TransitionStats of(double accept, int steps, boolean diverged, double hamiltonian) {
        int treeDepth = (int) Math.floor(Math.log(steps) / Math.log(2) + 1e-9);
        return new TransitionStats(accept, treeDepth, steps, diverged, hamiltonian);
    }
}
