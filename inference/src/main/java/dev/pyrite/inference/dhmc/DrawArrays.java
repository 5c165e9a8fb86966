package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.StopReason;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The draws so far and their statistics, chain {@code c}'s draw {@code s} at {@code c * samples + s};
 * turned into {@link McmcSamples} at the end (tree depth 0: DHMC builds no tree; leapfrogs is the
 * trajectory's step count).
 */
final class DrawArrays implements Checkpointable {
    private final int chains;
    private final int samples;
    private final int dimension;
    private final double[] draws;
    private final double[] logDensity;
    private final double[] acceptStat;
    private final double[] stepSize;
    private final double[] steps;
    private final double[] divergent;
    private final double[] energy;

    DrawArrays(int chains, int samples, int dimension) {
        this.chains = chains;
        this.samples = samples;
        this.dimension = dimension;
        this.draws = new double[chains * samples * dimension];
        this.logDensity = new double[chains * samples];
        this.acceptStat = new double[chains * samples];
        this.stepSize = new double[chains * samples];
        this.steps = new double[chains * samples];
        this.divergent = new double[chains * samples];
        this.energy = new double[chains * samples];
    }

    /** Records draw {@code s} of chain {@code c}. */
    void record(int c, int s, ChainPositions position, double accept, double step, int stepCount,
                boolean diverged, double hamiltonian) {
        int at = c * samples + s;
        System.arraycopy(position.q, c * dimension, draws, at * dimension, dimension);
        logDensity[at] = -position.potential[c];
        acceptStat[at] = accept;
        stepSize[at] = step;
        steps[at] = stepCount;
        divergent[at] = diverged ? 1 : 0;
        energy[at] = hamiltonian;
    }

    McmcSamples toSamples(DataType dtype, double[] adaptedStep, double[] inverseMass, double warmupSeconds,
                          double samplingSeconds, long gradients) {
        return new McmcSamples(array(draws, dtype, chains, samples, dimension), perDraw(logDensity, dtype),
                perDraw(acceptStat, dtype), perDraw(stepSize, dtype), perDraw(new double[chains * samples], dtype),
                perDraw(steps, dtype), perDraw(divergent, dtype), perDraw(energy, dtype),
                array(adaptedStep, dtype, chains), array(inverseMass, dtype, chains, dimension), warmupSeconds,
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
        out.doubles("steps", steps);
        out.doubles("divergent", divergent);
        out.doubles("energy", energy);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("draws", draws);
        in.doublesInto("logDensity", logDensity);
        in.doublesInto("acceptStat", acceptStat);
        in.doublesInto("stepSize", stepSize);
        in.doublesInto("steps", steps);
        in.doublesInto("divergent", divergent);
        in.doublesInto("energy", energy);
    }
}
