package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/** One chain's state inside an HMC transition: the moving point, H at the start, steps to take and taken. */
final class HmcState implements TrajectoryState {
    final IntegratorState point;
    double initialEnergy;
    double stepSize;
    int steps;
    int taken;
    boolean diverged;

    HmcState(int dimension) {
        point = new IntegratorState(dimension);
    }

    @Override
    public void writeState(StateWriter out) {
        out.part("point", point);
        out.doubleValue("initialEnergy", initialEnergy);
        out.doubleValue("stepSize", stepSize);
        out.integer("steps", steps);
        out.integer("taken", taken);
        out.bool("diverged", diverged);
    }

    @Override
    public void readState(StateReader in) {
        in.part("point", point);
        initialEnergy = in.doubleValue("initialEnergy");
        stepSize = in.doubleValue("stepSize");
        steps = in.integer("steps");
        taken = in.integer("taken");
        diverged = in.bool("diverged");
    }

    @Override
    public IntegratorState stepping() {
        return point;
    }

    @Override
    public double signedStep() {
        return stepSize;
    }
}
