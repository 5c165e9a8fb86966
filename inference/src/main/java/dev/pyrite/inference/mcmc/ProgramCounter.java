package dev.pyrite.inference.mcmc;

/**
 * Where a chain is in its own program (Radul et al. 2020). Every state but {@link #DONE} takes exactly
 * one leapfrog step per lock-step slot; the work between two steps (a NUTS merge, recording a draw,
 * adapting, starting the next transition) runs in plain Java right after the slot's gradient call.
 */
enum ProgramCounter {
    /** A round of Stan's step-size heuristic: one leapfrog from the current position. */
    STEP_SIZE_SEARCH,
    /** A leapfrog of the current transition's trajectory (a NUTS leaf, an HMC step). */
    TRAJECTORY,
    /** The chain has all its draws; its row of the batched call is ignored. */
    DONE
}
