package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Executor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The settings of one MCMC run, validated once by {@link MCMC}'s builder and read by the driver.
 *
 * @param initialPositions {@code [C, D]} starting points, or null for uniform(-2, 2)
 * @param executor         who runs the potential's compiled program ({@link Executor#AUTO}: the cost model)
 */
record RunSettings(int warmup, int samples, double targetAccept, boolean denseMass, INDArray initialPositions,
                   DataType dtype, Executor executor) {
}
