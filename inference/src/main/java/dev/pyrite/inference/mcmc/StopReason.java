package dev.pyrite.inference.mcmc;

/** Why a run's sampling ended. */
public enum StopReason {
    /** Every chain made the run's full number of samples. */
    BUDGET_REACHED,
    /** A stopping rule ({@link MCMC#untilRhat}, {@link MCMC#untilEss}) found its targets met before the budget. */
    TARGETS_MET,
    /** The run has not finished: the samples are those made so far. */
    UNFINISHED
}
