package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * One chain's adaptation: the step size in use, its dual averaging, the Welford estimate of the current
 * slow window and the metric (inverse mass and momentum scale). Each chain adapts on its own iteration
 * count, so chains of a batch never wait for each other's windows.
 */
final class AdaptationState implements Checkpointable {
    double stepSize = 1.0;
    final DualAveraging dualAveraging;
    final MassMatrixAdaptation window;
    final Metric metric;

    AdaptationState(int dimension, boolean dense, double targetAccept) {
        this.dualAveraging = new DualAveraging(targetAccept, stepSize);
        this.window = new MassMatrixAdaptation(dimension, dense);
        this.metric = new Metric(dimension, dense);
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubleValue("stepSize", stepSize);
        out.part("dualAveraging", dualAveraging);
        out.part("window", window);
        out.part("metric", metric);
    }

    @Override
    public void readState(StateReader in) {
        stepSize = in.doubleValue("stepSize");
        in.part("dualAveraging", dualAveraging);
        in.part("window", window);
        in.part("metric", metric);
    }
}
