package dev.pyrite.inference.mcmc;

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
    public IntegratorState stepping() {
        return point;
    }

    @Override
    public double signedStep() {
        return stepSize;
    }
}
