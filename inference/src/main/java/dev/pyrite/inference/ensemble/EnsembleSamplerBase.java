package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.ChainIteration;
import dev.pyrite.inference.mcmc.DrawTable;
import dev.pyrite.inference.mcmc.IterationDraws;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.mcmc.StopReason;
import dev.pyrite.inference.mcmc.TransitionStats;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What every ensemble sampler shares around its own iteration: the batched gradient, the chains' state,
 * the draw table, the warm-up and sampling clocks, the iteration loop with its progress report, and the
 * run state's framing. A subclass sets up its adaptation ({@link #startAdaptation()}), moves every chain
 * one iteration ({@link #iterate}) and names its adaptation's state ({@link #writeParts}).
 */
abstract class EnsembleSamplerBase implements EnsembleSampler {
    /** A leapfrog that raises H by more than this is a divergence, as in Stan. */
    static final double MAX_ENERGY_ERROR = 1000;
    final Potential potential;
    final EnsembleSettings settings;
    final BatchedGradient gradient;
    final EnsembleState state;
    private final DrawTable draws;
    private final String algorithm;
    private boolean initialized;
    private long warmupNanos;
    private long samplingNanos;
    // per-iteration scratch: the proposals' positions, potentials and gradients, and the start H
    final double[] q1;
    final double[] u1;
    final double[] g1;
    final double[] h0;
    /**
     * The last iteration of every chain, as {@link #finishChain} saw it, for {@link #lastIteration()}: the
     * position and U then, the statistics and step size. Not run state: a hook reads it right after the step.
     */
    private final double[] lastQ;
    private final double[] lastU;
    private final TransitionStats[] lastStats;
    private final double[] lastStep;

    EnsembleSamplerBase(String algorithm, Potential potential, EnsembleSettings settings,
                        List<RandomStream> streams) {
        this.algorithm = algorithm;
        this.potential = potential;
        this.settings = settings;
        int c = settings.chains();
        int d = potential.dimension();
        this.gradient = new BatchedGradient(potential, c, settings.dtype(), settings.executor());
        this.state = new EnsembleState(c, d, streams);
        this.draws = new DrawTable(c, settings.samples(), d);
        this.q1 = new double[c * d];
        this.u1 = new double[c];
        this.g1 = new double[c * d];
        this.h0 = new double[c];
        this.lastQ = new double[c * d];
        this.lastU = new double[c];
        this.lastStats = new TransitionStats[c];
        this.lastStep = new double[c];
    }

    /** Sets up the adaptation once the chains have their starting points and gradients. */
    abstract void startAdaptation();

    /**
     * Moves every chain one iteration ({@code i}, warm-up if {@code warm}), calling {@link #finishChain}
     * for each chain and counting its gradients.
     *
     * @return the step size to report to the listener
     */
    abstract double iterate(int i, boolean warm);

    /** Writes the subclass's own state parts (its adaptation), between the ensemble and the draws. */
    abstract void writeParts(StateWriter out);

    /** Reads what {@link #writeParts} wrote. */
    abstract void readParts(StateReader in);

    @Override
    public final void init() {
        if (initialized) {
            return;
        }
        initialized = true;
        long start = System.nanoTime();
        state.initialize(gradient, settings.initialPositions(), settings.dtype(), potential.describe());
        startAdaptation();
        warmupNanos += System.nanoTime() - start;
    }

    @Override
    public final boolean step() {
        init();
        int i = state.iteration;
        if (i >= settings.iterations()) {
            return false;
        }
        long start = System.nanoTime();
        boolean warm = i < settings.warmup();
        double reportedStep = iterate(i, warm);
        state.iteration++;
        long elapsed = System.nanoTime() - start;
        if (warm) {
            warmupNanos += elapsed;
        } else {
            samplingNanos += elapsed;
        }
        settings.listener().iteration(state.iteration, settings.iterations(), warm, reportedStep,
                warm ? state.warmupDivergences : state.divergences);
        return state.iteration < settings.iterations();
    }

    /**
     * Ends chain {@code k}'s iteration {@code i}: counts its divergence and, after warm-up, records its
     * position (now in {@code state}) with the iteration's statistics. The tree depth column holds log2 of
     * the leapfrog count, as NUTS's would (the 1e-9 keeps exact powers of two from rounding down).
     */
    final void finishChain(int k, int i, boolean warm, double accept, double step, int leapfrogs,
                           boolean diverged, double hamiltonian) {
        if (diverged) {
            if (warm) {
                state.warmupDivergences++;
            } else {
                state.divergences++;
            }
        }
        int treeDepth = (int) Math.floor(Math.log(leapfrogs) / Math.log(2) + 1e-9);
        TransitionStats stats = new TransitionStats(accept, treeDepth, leapfrogs, diverged, hamiltonian);
        int d = state.dimension;
        System.arraycopy(state.q, k * d, lastQ, k * d, d);
        lastU[k] = state.u[k];
        lastStats[k] = stats;
        lastStep[k] = step;
        if (!warm) {
            draws.record(k, i - settings.warmup(), state.q, k * d, state.u[k], stats, step);
        }
    }

    @Override
    public final IterationDraws lastIteration() {
        int i = state.iteration - 1;
        if (i < 0) {
            return null;
        }
        int d = state.dimension;
        List<ChainIteration> chains = new ArrayList<>(state.chains);
        for (int k = 0; k < state.chains; k++) {
            double[] q = new double[d];
            System.arraycopy(lastQ, k * d, q, 0, d);
            chains.add(new ChainIteration(k, i, q, -lastU[k], lastStats[k], lastStep[k]));
        }
        boolean warm = i < settings.warmup();
        return new IterationDraws(i, settings.iterations(), warm, chains,
                warm ? state.warmupDivergences : state.divergences);
    }

    @Override
    public final int drawCount() {
        return Math.max(0, state.iteration - settings.warmup());
    }

    @Override
    public final double[][] coordinate(int d, int n) {
        if (n > drawCount()) {
            throw new IllegalArgumentException("ensemble: " + drawCount() + " draws per chain so far, asked for " + n);
        }
        return draws.coordinate(d, n);
    }

    @Override
    public final int iteration() {
        return state.iteration;
    }

    @Override
    public final McmcSamples run() {
        init();
        while (step()) {
            // every chain takes one iteration per step
        }
        return samples();
    }

    /**
     * The draws so far ({@link #drawCount()} per chain), with each chain's adapted step size and diagonal
     * inverse mass (chain-major); stopped {@link StopReason#BUDGET_REACHED} once every iteration has run.
     */
    final McmcSamples samples(double[] stepSizes, double[] inverseMass) {
        int n = drawCount();
        StopReason reason = n == settings.samples() ? StopReason.BUDGET_REACHED : StopReason.UNFINISHED;
        return draws.toSamples(n, settings.dtype(), DrawTable.array(stepSizes, DataType.DOUBLE, state.chains),
                DrawTable.array(inverseMass, DataType.DOUBLE, state.chains, state.dimension), warmupNanos / 1e9,
                samplingNanos / 1e9, state.gradients, reason);
    }

    @Override
    public final void writeState(StateWriter out) {
        out.string("algorithm", algorithm);
        out.bool("initialized", initialized);
        out.part("ensemble", state);
        writeParts(out);
        out.part("draws", draws);
    }

    @Override
    public final void readState(StateReader in) {
        String found = in.string("algorithm");
        if (!found.equals(algorithm)) {
            throw new IllegalArgumentException("run state of algorithm '" + found + "', expected '" + algorithm
                    + "'");
        }
        initialized = in.bool("initialized");
        in.part("ensemble", state);
        readParts(in);
        in.part("draws", draws);
    }
}
