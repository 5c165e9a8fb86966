package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.tensor.Executor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The settings of one DHMC run, validated once by {@link DHMC}'s builder.
 *
 * @param stepSizeLow      the low end of the step-size range (pyfo's {@code stepsize_range[0]})
 * @param stepSizeHigh     its high end
 * @param stepsLow         the fewest integrator steps of a trajectory (pyfo's {@code n_step_range[0]})
 * @param stepsHigh        the most
 * @param initialPositions {@code [C, D]} starting points, or null for uniform(-2, 2)
 */
record DhmcSettings(int chains, int warmup, int samples, long seed, double stepSizeLow, double stepSizeHigh,
                    int stepsLow, int stepsHigh, double targetAccept, INDArray initialPositions, DataType dtype,
                    McmcListener listener, Executor executor) {
    /** The centre of the step-size range: the base step size before adaptation. */
    double stepSizeCentre() {
        return 0.5 * (stepSizeLow + stepSizeHigh);
    }
}
