package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The settings of one MCMC run, validated once by {@link MCMC}'s builder and read by the driver.
 *
 * @param initialPositions {@code [C, D]} starting points, or null for uniform(-2, 2)
 */
record RunSettings(int warmup, int samples, double targetAccept, boolean denseMass, INDArray initialPositions,
                   DataType dtype, McmcListener listener) {
}
