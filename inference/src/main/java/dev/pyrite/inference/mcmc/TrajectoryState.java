package dev.pyrite.inference.mcmc;

/** A chain's state inside one transition: the point its next leapfrog advances, in place, and the signed step. */
interface TrajectoryState {
    IntegratorState stepping();

    /** The step size times the direction of integration (+1 or -1). */
    double signedStep();
}
