package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.StopReason;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The draws of an ensemble run and their per-draw statistics, in preallocated arrays filled one
 * iteration at a time; turned into {@link McmcSamples} (the type NUTS returns) at the end.
 */
final class DrawRecorder implements Checkpointable {
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

    DrawRecorder(int chains, int samples, int dimension) {
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

    /**
     * Records draw {@code s} of chain {@code c}: its position (row c of {@code q}) and U there, and the
     * iteration's statistics. The tree depth column holds log2 of the leapfrog count, as NUTS's would.
     */
    void record(int c, int s, double[] q, double u, double accept, double step, int steps, boolean diverged,
                double hamiltonian) {
        int at = c * samples + s;
        System.arraycopy(q, c * dimension, draws, at * dimension, dimension);
        logDensity[at] = -u;
        acceptStat[at] = accept;
        stepSize[at] = step;
        treeDepth[at] = Math.floor(Math.log(steps) / Math.log(2) + 1e-9);
        leapfrogs[at] = steps;
        divergent[at] = diverged ? 1 : 0;
        energy[at] = hamiltonian;
    }

    McmcSamples toSamples(DataType dtype, double[] adaptedStepSize, double[] inverseMass, double warmupSeconds,
                          double samplingSeconds, long gradients) {
        return new McmcSamples(array(draws, dtype, chains, samples, dimension), perDraw(logDensity, dtype),
                perDraw(acceptStat, dtype), perDraw(stepSize, dtype), perDraw(treeDepth, dtype),
                perDraw(leapfrogs, dtype), perDraw(divergent, dtype), perDraw(energy, dtype),
                array(adaptedStepSize, dtype, chains), array(inverseMass, dtype, chains, dimension), warmupSeconds,
                samplingSeconds, gradients, StopReason.BUDGET_REACHED);
    }

    private INDArray perDraw(double[] values, DataType dtype) {
        return array(values, dtype, chains, samples);
    }

    private static INDArray array(double[] values, DataType dtype, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dtype);
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubles("draws", draws);
        out.doubles("logDensity", logDensity);
        out.doubles("acceptStat", acceptStat);
        out.doubles("stepSize", stepSize);
        out.doubles("treeDepth", treeDepth);
        out.doubles("leapfrogs", leapfrogs);
        out.doubles("divergent", divergent);
        out.doubles("energy", energy);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("draws", draws);
        in.doublesInto("logDensity", logDensity);
        in.doublesInto("acceptStat", acceptStat);
        in.doublesInto("stepSize", stepSize);
        in.doublesInto("treeDepth", treeDepth);
        in.doublesInto("leapfrogs", leapfrogs);
        in.doublesInto("divergent", divergent);
        in.doublesInto("energy", energy);
    }
}
