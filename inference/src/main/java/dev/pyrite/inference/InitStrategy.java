package dev.pyrite.inference;

/** Where chains start on the unconstrained space. */
public enum InitStrategy {
    /** Uniform(-2, 2) on the unconstrained space (Stan's default). */
    UNIFORM,
    /** A draw from the prior. */
    PRIOR_SAMPLE,
    /** The prior median of each site (estimated from 201 prior draws per site). */
    PRIOR_MEDIAN
}
