package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The draws of a run on the unconstrained space, {@code [chains, draws, D]}, with the sampler statistics
 * per draw ({@code [chains, draws]}): log density, acceptance statistic, step size, tree depth, leapfrog
 * steps, divergence (1/0) and energy. Also the adapted step sizes and inverse mass matrices, timings and
 * the count of gradient evaluations, and why sampling stopped.
 */
public record McmcSamples(INDArray draws, INDArray logDensity, INDArray acceptStat, INDArray stepSize,
                          INDArray treeDepth, INDArray leapfrogs, INDArray divergent, INDArray energy,
                          INDArray adaptedStepSize, INDArray inverseMass, double warmupSeconds,
                          double samplingSeconds, long gradientEvaluations, StopReason stopReason) {

    public int chains() {
        return (int) draws.size(0);
    }

    public int drawCount() {
        return (int) draws.size(1);
    }

    /** Draws of coordinate {@code d} as {@code [chain][draw]}, for the diagnostics. */
    public double[][] coordinate(int d) {
        return toMatrix(draws.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(d)));
    }

    /** Total divergent transitions after warm-up. */
    public long divergences() {
        return (long) divergent.sumNumber().doubleValue();
    }

    static double[][] toMatrix(INDArray a) {
        double[][] m = new double[(int) a.size(0)][];
        for (int i = 0; i < m.length; i++) {
            m[i] = a.getRow(i).dup().toDoubleVector();
        }
        return m;
    }
}
