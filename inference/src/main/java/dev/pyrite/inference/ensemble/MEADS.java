package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.RandomStream;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MEADS (Hoffman and Sountsov, AISTATS 2022) for many chains at once: generalised HMC with one leapfrog
 * per iteration and persistent momentum, whose step size, diagonal scale and damping come from the other
 * chains' positions and gradients over {@value MeadsAdaptation#FOLDS} folds, with nothing to tune. Every
 * iteration is one batched gradient call; draws are recorded every iteration after warm-up, so a run
 * wants more (and cheaper) iterations than NUTS or ChEES. Chain i draws from split i of the seed's
 * stream; the fold shuffles from split C.
 *
 * <pre>{@code
 * McmcSamples s = MEADS.of(potential).chains(512).warmup(1000).samples(1000).seed(1).run();
 * }</pre>
 */
public final class MEADS {
    private final Potential potential;
    private int chains = 64;
    private int warmup = 1000;
    private int samples = 1000;
    private long seed;
    private INDArray initialPositions;
    private DataType dtype = Backend.floatType();
    private Executor executor = Executor.configured();
    private McmcListener listener = McmcListener.NONE;
    private ConvergenceTargets targets = ConvergenceTargets.NONE;
    private int roundIterations = 100;

    private MEADS(Potential potential) {
        this.potential = Objects.requireNonNull(potential, "potential");
    }

    /** MEADS on a potential over {@code potential.dimension()} unconstrained coordinates. */
    public static MEADS of(Potential potential) {
        return new MEADS(potential);
    }

    /** The number of chains, at least 8: four folds of two or more (default 64). */
    public MEADS chains(int n) {
        if (n < 2 * MeadsAdaptation.FOLDS) {
            throw new IllegalArgumentException("MEADS: chains must be >= " + 2 * MeadsAdaptation.FOLDS + " ("
                    + MeadsAdaptation.FOLDS + " folds of at least 2 chains), got " + n);
        }
        this.chains = n;
        return this;
    }

    /** Warm-up iterations, one leapfrog each (default 1000). */
    public MEADS warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("MEADS: warmup must be >= 0, got " + n);
        }
        this.warmup = n;
        return this;
    }

    /** Recorded iterations per chain, one leapfrog each (default 1000). */
    public MEADS samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MEADS: samples must be >= 1, got " + n);
        }
        this.samples = n;
        return this;
    }

    public MEADS seed(long s) {
        this.seed = s;
        return this;
    }

    /** Starting points {@code [chains, D]} on the unconstrained space (default: uniform(-2, 2)). */
    public MEADS initialPositions(INDArray q) {
        this.initialPositions = q;
        return this;
    }

    public MEADS dtype(DataType dt) {
        this.dtype = Objects.requireNonNull(dt, "dtype");
        return this;
    }

    /** Who runs the potential's compiled program (default: as {@link Executor#configured()}). */
    public MEADS executor(Executor e) {
        this.executor = Objects.requireNonNull(e, "executor");
        return this;
    }

    public MEADS listener(McmcListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /** The sampler of this run, not started: {@link EnsembleSampler#init()} and {@link EnsembleSampler#step()}. */
    public EnsembleSampler sampler() {
        EnsembleSettings settings = new EnsembleSettings(chains, warmup, samples, seed, initialPositions, dtype,
                executor, listener);
        RandomStream root = RandomStream.of(seed);
        List<RandomStream> perChain = root.split(chains);   // the same as MCMC.chainStreams(seed, chains)
        return new MeadsSampler(potential, settings, perChain, root.split());
    }

    /**
     * Samples in rounds of {@link #roundIterations} until every coordinate meets {@code rule} (R-hat at
     * most, bulk ESS at least its targets; nested R-hat where it names superchains), or {@link #samples}
     * draws per chain are made: the samples are then a cap, and the run's stop reason says which ended it.
     * Applies to {@link #start()}'s run.
     */
    public MEADS stopWhen(ConvergenceTargets rule) {
        this.targets = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /** Sampling iterations between two checks of the stopping rule (default 100). */
    public MEADS roundIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MEADS: roundIterations must be >= 1, got " + n);
        }
        this.roundIterations = n;
        return this;
    }

    /** This builder's settings as plain data (what a checkpoint records; the listener is not a setting). */
    public EnsembleRunSettings runSettings() {
        double[][] starts = initialPositions == null ? null
                : initialPositions.castTo(DataType.DOUBLE).toDoubleMatrix();
        return new EnsembleRunSettings("meads", chains, warmup, samples, seed, null, null, null, starts,
                dtype.name(), executor.name(), Double.isNaN(targets.rhat()) ? null : targets.rhat(),
                Double.isNaN(targets.ess()) ? null : targets.ess(), targets.superchains(), roundIterations);
    }

    /**
     * The run as a step program, not yet stepped ({@link EnsembleRun}): checkpoints, resume, the stopping
     * rule. Its listener, if any, hears every iteration as {@link #run()}'s does.
     */
    public EnsembleRun start() {
        return new EnsembleRun(runSettings(), sampler(), potential.dimension());
    }

    /** Runs warm-up and sampling of every chain. */
    public McmcSamples run() {
        return targets.any() ? start().run() : sampler().run();
    }
}
