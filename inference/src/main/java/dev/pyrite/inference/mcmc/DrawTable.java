package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The draws and per-draw statistics of every chain, filled one draw at a time as each chain reaches it,
 * in preallocated Java arrays; turned into {@link McmcSamples} once at the end.
 */
final class DrawTable {
    private final int chains;
    private final int samples;
    private final int dimension;
    private final double[] draws;
    private final double[] logDensity;
    private final double[] acceptStat;
    private final double[] stepSize;
    private final double[] treeDepth;
    private final double[] leapfrogs;
    private final double[] divergent;
    private final double[] energy;

    DrawTable(int chains, int samples, int dimension) {
        this.chains = chains;
        this.samples = samples;
        this.dimension = dimension;
        this.draws = new double[chains * samples * dimension];
        this.logDensity = new double[chains * samples];
        this.acceptStat = new double[chains * samples];
        this.stepSize = new double[chains * samples];
        this.treeDepth = new double[chains * samples];
        this.leapfrogs = new double[chains * samples];
        this.divergent = new double[chains * samples];
        this.energy = new double[chains * samples];
    }

    /** Records draw {@code s} of chain {@code c}: its position after the transition and the transition's statistics. */
    void record(int c, int s, IntegratorState position, TransitionStats stats, double step) {
        int at = c * samples + s;
        System.arraycopy(position.q, 0, draws, at * dimension, dimension);
        logDensity[at] = -position.potential;
        acceptStat[at] = stats.acceptStat();
        stepSize[at] = step;
        treeDepth[at] = stats.treeDepth();
        leapfrogs[at] = stats.leapfrogs();
        divergent[at] = stats.divergent() ? 1 : 0;
        energy[at] = stats.energy();
    }

    McmcSamples toSamples(DataType dtype, INDArray adaptedStepSize, INDArray inverseMass, double warmupSeconds,
                          double samplingSeconds, long gradients) {
        return new McmcSamples(array(draws, dtype, chains, samples, dimension), perDraw(logDensity, dtype),
                perDraw(acceptStat, dtype), perDraw(stepSize, dtype), perDraw(treeDepth, dtype),
                perDraw(leapfrogs, dtype), perDraw(divergent, dtype), perDraw(energy, dtype),
                adaptedStepSize.castTo(dtype), inverseMass.castTo(dtype), warmupSeconds, samplingSeconds, gradients);
    }

    private INDArray perDraw(double[] values, DataType dtype) {
        return array(values, dtype, chains, samples);
    }

    static INDArray array(double[] values, DataType dtype, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dtype);
    }
}
