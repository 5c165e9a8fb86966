package dev.pyrite.inference.ensemble;

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
 * The settings every ensemble sampler shares ({@link ChEES}, {@link MEADS}): chains, warm-up, samples,
 * seed, starting points, data type, executor, listener and the stopping rule, with {@link #run()},
 * {@link #start()} and {@link #runSettings()} built on them. A subclass adds its own tuning settings and
 * makes its sampler.
 *
 * @param <B> the sampler's builder, returned by every setter
 */
public abstract class EnsembleBuilder<B extends EnsembleBuilder<B>> {
    final Potential potential;
    int chains = 64;
    int warmup;
    int samples = 1000;
    long seed;
    INDArray initialPositions;
    DataType dtype = Backend.floatType();
    Executor executor = Executor.configured();
    McmcListener listener = McmcListener.NONE;
    private ConvergenceTargets targets = ConvergenceTargets.NONE;
    private int roundIterations = 100;

    EnsembleBuilder(Potential potential, int defaultWarmup) {
        this.potential = Objects.requireNonNull(potential, "potential");
        this.warmup = defaultWarmup;
    }

    /** {@code this}, as the subclass. */
    abstract B self();

    /** The algorithm's name in settings and messages ({@code "chees"}, {@code "meads"}). */
    abstract String algorithm();

    /** The fewest chains the adaptation works with, and why. */
    abstract int minChains();

    abstract String minChainsReason();

    /** The sampler for {@code settings}, with this builder's own tuning. */
    abstract EnsembleSampler sampler(EnsembleSettings settings);

    /** This builder's own settings in {@link EnsembleRunSettings}: target accept, learning rate, max leapfrogs (null where none). */
    abstract EnsembleRunSettings runSettings(double[][] starts, Double rhat, Double ess);

    private String label() {
        return getClass().getSimpleName();
    }

    /** The number of chains (default 64); the adaptation estimates moments across them. */
    public B chains(int n) {
        if (n < minChains()) {
            throw new IllegalArgumentException(label() + ": chains must be >= " + minChains() + " ("
                    + minChainsReason() + "), got " + n);
        }
        this.chains = n;
        return self();
    }

    /** Warm-up iterations. */
    public B warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(label() + ": warmup must be >= 0, got " + n);
        }
        this.warmup = n;
        return self();
    }

    /** Recorded iterations per chain (default 1000); with a stopping rule, the most there may be. */
    public B samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(label() + ": samples must be >= 1, got " + n);
        }
        this.samples = n;
        return self();
    }

    public B seed(long s) {
        this.seed = s;
        return self();
    }

    /** Starting points {@code [chains, D]} on the unconstrained space (default: uniform(-2, 2)). */
    public B initialPositions(INDArray q) {
        this.initialPositions = q;
        return self();
    }

    public B dtype(DataType dt) {
        this.dtype = Objects.requireNonNull(dt, "dtype");
        return self();
    }

    /** Who runs the potential's compiled program (default: as {@link Executor#configured()}). */
    public B executor(Executor e) {
        this.executor = Objects.requireNonNull(e, "executor");
        return self();
    }

    public B listener(McmcListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return self();
    }

    /**
     * Samples in rounds of {@link #roundIterations} until every coordinate meets {@code rule} (R-hat at
     * most, bulk ESS at least its targets; nested R-hat where it names superchains), or {@link #samples}
     * draws per chain are made: the samples are then a cap, and the run's stop reason says which ended it.
     * Applies to {@link #start()}'s run.
     */
    public B stopWhen(ConvergenceTargets rule) {
        this.targets = Objects.requireNonNull(rule, "rule");
        return self();
    }

    /** Sampling iterations between two checks of the stopping rule (default 100). */
    public B roundIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(label() + ": roundIterations must be >= 1, got " + n);
        }
        this.roundIterations = n;
        return self();
    }

    int roundIterationCount() {
        return roundIterations;
    }

    ConvergenceTargets targets() {
        return targets;
    }

    /** The sampler of this run, not started: {@link EnsembleSampler#init()} and {@link EnsembleSampler#step()}. */
    public EnsembleSampler sampler() {
        return sampler(new EnsembleSettings(chains, warmup, samples, seed, initialPositions, dtype, executor,
                listener));
    }

    /** This builder's settings as plain data (what a checkpoint records; the listener is not a setting). */
    public EnsembleRunSettings runSettings() {
        double[][] starts = initialPositions == null ? null
                : initialPositions.castTo(DataType.DOUBLE).toDoubleMatrix();
        return runSettings(starts, Double.isNaN(targets.rhat()) ? null : targets.rhat(),
                Double.isNaN(targets.ess()) ? null : targets.ess());
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
