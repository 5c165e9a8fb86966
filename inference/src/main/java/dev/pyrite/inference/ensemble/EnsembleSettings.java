package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.tensor.Executor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The settings of one ensemble run (ChEES-HMC or MEADS), validated once by the builder and read by the
 * sampler.
 *
 * @param chains           C, the number of chains that move together
 * @param warmup           adaptation iterations, discarded
 * @param samples          recorded iterations per chain
 * @param seed             the run's seed: chain i draws from split i of its stream
 * @param initialPositions {@code [C, D]} starting points, or null for uniform(-2, 2)
 * @param dtype            the float type the potential is computed in
 * @param executor         who runs the potential's compiled program
 * @param listener         told after every iteration
 */
public record EnsembleSettings(int chains, int warmup, int samples, long seed, INDArray initialPositions,
                               DataType dtype, Executor executor, McmcListener listener) {
    public EnsembleSettings {
        if (chains < 1) {
            throw new IllegalArgumentException("ensemble: chains must be >= 1, got " + chains);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("ensemble: warmup must be >= 0, got " + warmup);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("ensemble: samples must be >= 1, got " + samples);
        }
        java.util.Objects.requireNonNull(dtype, "dtype");
        java.util.Objects.requireNonNull(executor, "executor");
        java.util.Objects.requireNonNull(listener, "listener");
    }

    /** The total number of iterations, warm-up and sampling. */
    public int iterations() {
        return warmup + samples;
    }
}
