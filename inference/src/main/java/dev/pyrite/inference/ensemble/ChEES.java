package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Executor;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ChEES-HMC (Hoffman, Radul and Sountsov, AISTATS 2021) for many chains at once: HMC whose trajectory
 * length is adapted across chains by the ChEES criterion and jittered by a Halton sequence, with a shared
 * step size (dual averaging on the harmonic-mean acceptance) and diagonal mass (cross-chain variance).
 * Every chain takes the same number of leapfrogs, so none waits for another. Chain i draws from split i of
 * the seed's stream, as {@link MCMC#chainStreams} gives.
 *
 * <pre>{@code
 * McmcSamples s = ChEES.of(potential).chains(512).warmup(500).samples(200).seed(1).run();
 * }</pre>
 */
public final class ChEES {
    private final Potential potential;
    private int chains = 64;
    private int warmup = 500;
    private int samples = 1000;
    private long seed;
    private double targetAccept = 0.651;
    private double learningRate = 0.025;
    private int maxLeapfrogs = 1000;
    private INDArray initialPositions;
    private DataType dtype = Backend.floatType();
    private Executor executor = Executor.configured();
    private McmcListener listener = McmcListener.NONE;
    private ConvergenceTargets targets = ConvergenceTargets.NONE;
    private int roundIterations = 100;

    private ChEES(Potential potential) {
        this.potential = Objects.requireNonNull(potential, "potential");
    }

    /** ChEES-HMC on a potential over {@code potential.dimension()} unconstrained coordinates. */
    public static ChEES of(Potential potential) {
        return new ChEES(potential);
    }

    /** The number of chains, at least 2: the adaptation estimates moments across them (default 64). */
    public ChEES chains(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("ChEES: chains must be >= 2 (it adapts across chains), got " + n);
        }
        this.chains = n;
        return this;
    }

    public ChEES warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("ChEES: warmup must be >= 0, got " + n);
        }
        this.warmup = n;
        return this;
    }

    public ChEES samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ChEES: samples must be >= 1, got " + n);
        }
        this.samples = n;
        return this;
    }

    public ChEES seed(long s) {
        this.seed = s;
        return this;
    }

    /** The harmonic-mean acceptance probability the step size is tuned to (default 0.651, the paper's). */
    public ChEES targetAccept(double a) {
        if (!(a > 0 && a < 1)) {
            throw new IllegalArgumentException("ChEES: targetAccept must be in (0, 1), got " + a);
        }
        this.targetAccept = a;
        return this;
    }

    /**
     * The smallest learning rate of Adam on the log trajectory length (default 0.025, the paper's rate).
     * Early in warm-up the rate is raised, up to 0.15, while the ChEES gradient keeps its sign, so T grows
     * from its start (one step) within a few dozen iterations; near the optimum it falls back to this one.
     */
    public ChEES learningRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("ChEES: learningRate must be > 0, got " + rate);
        }
        this.learningRate = rate;
        return this;
    }

    /** The most leapfrogs one iteration may take (default 1000). */
    public ChEES maxLeapfrogs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ChEES: maxLeapfrogs must be >= 1, got " + n);
        }
        this.maxLeapfrogs = n;
        return this;
    }

    /** Starting points {@code [chains, D]} on the unconstrained space (default: uniform(-2, 2)). */
    public ChEES initialPositions(INDArray q) {
        this.initialPositions = q;
        return this;
    }

    public ChEES dtype(DataType dt) {
        this.dtype = Objects.requireNonNull(dt, "dtype");
        return this;
    }

    /** Who runs the potential's compiled program (default: as {@link Executor#configured()}). */
    public ChEES executor(Executor e) {
        this.executor = Objects.requireNonNull(e, "executor");
        return this;
    }

    public ChEES listener(McmcListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /** The sampler of this run, not started: {@link EnsembleSampler#init()} and {@link EnsembleSampler#step()}. */
    public EnsembleSampler sampler() {
        EnsembleSettings settings = new EnsembleSettings(chains, warmup, samples, seed, initialPositions, dtype,
                executor, listener);
        return new CheesSampler(potential, settings, MCMC.chainStreams(seed, chains), targetAccept, learningRate,
                maxLeapfrogs);
    }

    /**
     * Samples in rounds of {@link #roundIterations} until every coordinate meets {@code rule} (R-hat at
     * most, bulk ESS at least its targets; nested R-hat where it names superchains), or {@link #samples}
     * draws per chain are made: the samples are then a cap, and the run's stop reason says which ended it.
     * Applies to {@link #start()}'s run.
     */
    public ChEES stopWhen(ConvergenceTargets rule) {
        this.targets = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /** Sampling iterations between two checks of the stopping rule (default 100). */
    public ChEES roundIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ChEES: roundIterations must be >= 1, got " + n);
        }
        this.roundIterations = n;
        return this;
    }

    /** This builder's settings as plain data (what a checkpoint records; the listener is not a setting). */
    public EnsembleRunSettings runSettings() {
        double[][] starts = initialPositions == null ? null
                : initialPositions.castTo(DataType.DOUBLE).toDoubleMatrix();
        return new EnsembleRunSettings("chees", chains, warmup, samples, seed, targetAccept, learningRate, maxLeapfrogs, starts,
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
