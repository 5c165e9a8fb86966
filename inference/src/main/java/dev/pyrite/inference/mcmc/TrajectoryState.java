package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;

/**
 * A chain's state inside one transition: the point its next leapfrog advances, in place, and the signed
 * step; checkpointed between any two slots.
 */
interface TrajectoryState extends Checkpointable {
    IntegratorState stepping();

    /** The step size times the direction of integration (+1 or -1). */
    double signedStep();
}
