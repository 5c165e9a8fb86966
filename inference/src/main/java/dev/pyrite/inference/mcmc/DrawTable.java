package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The draws and per-draw statistics of every chain, filled one draw at a time as each chain reaches it,
 * in preallocated Java arrays (chain {@code c}'s draw {@code s} at {@code c * samples + s}); turned into
 * {@link McmcSamples} once at the end (the first {@code n} draws of each chain, where a stopping rule ended
 * the run before its budget). Shared by every sampler that returns {@link McmcSamples}: NUTS/HMC, DHMC and
 * the ensemble samplers; a sampler without a tree records depth 0 or its own convention in
 * {@link TransitionStats#treeDepth()}.
 */
public final class DrawTable implements Checkpointable {
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

    /** An empty table for {@code chains} chains of {@code samples} draws of {@code dimension} coordinates. */
    public DrawTable(int chains, int samples, int dimension) {
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
        record(c, s, position.q, 0, position.potential, stats, step);
    }

    /**
     * Records draw {@code s} of chain {@code c}: the position {@code q[from .. from + dimension)}, the
     * potential U there (stored as log density {@code -U}), the transition's statistics and its step size.
     */
    public void record(int c, int s, double[] q, int from, double potential, TransitionStats stats, double step) {
        int at = c * samples + s;
        System.arraycopy(q, from, draws, at * dimension, dimension);
        logDensity[at] = -potential;
        acceptStat[at] = stats.acceptStat();
        stepSize[at] = step;
        treeDepth[at] = stats.treeDepth();
        leapfrogs[at] = stats.leapfrogs();
        divergent[at] = stats.divergent() ? 1 : 0;
        energy[at] = stats.energy();
    }

    /**
     * Every draw of every chain, for a run that always spends its whole budget: the per-chain adapted step
     * sizes and diagonal inverse masses ({@code chains x dimension}, row-major) go with them.
     */
    public McmcSamples toSamples(DataType dtype, double[] adaptedStepSize, double[] inverseMass,
                                 double warmupSeconds, double samplingSeconds, long gradients) {
        return toSamples(samples, dtype, array(adaptedStepSize, DataType.DOUBLE, chains),
                array(inverseMass, DataType.DOUBLE, chains, dimension), warmupSeconds, samplingSeconds, gradients,
                StopReason.BUDGET_REACHED);
    }

    /** The first {@code n} draws of every chain. */
    public McmcSamples toSamples(int n, DataType dtype, INDArray adaptedStepSize, INDArray inverseMass, double warmupSeconds,
                          double samplingSeconds, long gradients, StopReason reason) {
        return new McmcSamples(array(firstDraws(draws, n, dimension), dtype, chains, n, dimension),
                perDraw(logDensity, n, dtype), perDraw(acceptStat, n, dtype), perDraw(stepSize, n, dtype),
                perDraw(treeDepth, n, dtype), perDraw(leapfrogs, n, dtype), perDraw(divergent, n, dtype),
                perDraw(energy, n, dtype), adaptedStepSize.castTo(dtype), inverseMass.castTo(dtype), warmupSeconds,
                samplingSeconds, gradients, reason);
    }

    /** Draws {@code 0 .. n-1} of coordinate {@code d} as {@code [chain][draw]}, for a stopping rule. */
    public double[][] coordinate(int d, int n) {
        double[][] out = new double[chains][n];
        for (int c = 0; c < chains; c++) {
            for (int s = 0; s < n; s++) {
                out[c][s] = draws[((c * samples) + s) * dimension + d];
            }
        }
        return out;
    }

    private INDArray perDraw(double[] values, int n, DataType dtype) {
        return array(firstDraws(values, n, 1), dtype, chains, n);
    }

    /** Each chain's first {@code n} entries of {@code width} values, chains one after another. */
    private double[] firstDraws(double[] values, int n, int width) {
        if (n == samples) {
            return values;
        }
        double[] out = new double[chains * n * width];
        for (int c = 0; c < chains; c++) {
            System.arraycopy(values, c * samples * width, out, c * n * width, n * width);
        }
        return out;
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

    /** {@code values} as an array of {@code shape} in {@code dtype}. */
    public static INDArray array(double[] values, DataType dtype, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dtype);
    }
}
