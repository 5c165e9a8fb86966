package dev.pyrite.inference.mcmc;

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
    public IntegratorState stepping() {
        return trial;
    }

    @Override
    public double signedStep() {
        return stepSize;
    }
}
