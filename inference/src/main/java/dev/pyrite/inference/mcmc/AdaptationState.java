package dev.pyrite.inference.mcmc;

/**
 * One chain's adaptation: the step size in use, its dual averaging, the Welford estimate of the current
 * slow window and the metric (inverse mass and momentum scale). Each chain adapts on its own iteration
 * count, so chains of a batch never wait for each other's windows.
 */
final class AdaptationState {
    double stepSize = 1.0;
    final DualAveraging dualAveraging;
    final MassMatrixAdaptation window;
    final Metric metric;

    AdaptationState(int dimension, boolean dense, double targetAccept) {
        this.dualAveraging = new DualAveraging(targetAccept, stepSize);
        this.window = new MassMatrixAdaptation(dimension, dense);
        this.metric = new Metric(dimension, dense);
    }
}
