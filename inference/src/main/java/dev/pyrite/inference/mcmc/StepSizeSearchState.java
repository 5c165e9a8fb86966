package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/** One chain's state in Stan's step-size heuristic: the trial point, the current guess and its direction. */
final class StepSizeSearchState implements TrajectoryState {
    final IntegratorState trial;
    double stepSize;
    /** +1 while doubling, -1 while halving, 0 before the first round decided. */
    int direction;
    int round;
    /** H at the trial's start. */
    double initialEnergy;

    StepSizeSearchState(int dimension) {
        trial = new IntegratorState(dimension);
    }

    @Override
    public void writeState(StateWriter out) {
        out.part("trial", trial);
        out.doubleValue("stepSize", stepSize);
        out.integer("direction", direction);
        out.integer("round", round);
        out.doubleValue("initialEnergy", initialEnergy);
    }

    @Override
    public void readState(StateReader in) {
        in.part("trial", trial);
        stepSize = in.doubleValue("stepSize");
        direction = in.integer("direction");
        round = in.integer("round");
        initialEnergy = in.doubleValue("initialEnergy");
    }

    @Override
    public IntegratorState stepping() {
        return trial;
    }

    @Override
    public double signedStep() {
        return stepSize;
    }
}
