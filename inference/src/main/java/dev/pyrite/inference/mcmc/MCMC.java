package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.RandomStream;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs NUTS or HMC for C chains from one seed: initialisation, Stan-style warm-up (dual averaging of
 * each chain's step size, windowed diagonal or dense mass matrix) and sampling, each chain on its own
 * program counter ({@link ChainDriver}). The same seed gives the same draws on every run; each chain has
 * its own split stream, so a chain's draws do not depend on how many chains run beside it.
 *
 * <pre>{@code
 * McmcSamples s = MCMC.nuts(potential).chains(4).warmup(500).samples(1000).seed(0).run();
 * }</pre>
 */
public final class MCMC {
    private final Potential potential;
    private final double hmcTrajectoryLength;   // NaN for NUTS
    private List<RandomStream> streams;
    private int chains = 4;
    private int warmup = 500;
    private int samples = 1000;
    private long seed;
    private double targetAccept = 0.8;
    private int maxTreeDepth = 10;
    private boolean denseMass;
    private INDArray initialPositions;
    private DataType dtype = dev.pyrite.tensor.Backend.floatType();
    private McmcListener listener = McmcListener.NONE;
    private Executor executor = Executor.configured();

    private MCMC(Potential potential, double hmcTrajectoryLength) {
        this.potential = potential;
        this.hmcTrajectoryLength = hmcTrajectoryLength;
    }

    /** NUTS on a potential over {@code potential.dimension()} unconstrained coordinates. */
    public static MCMC nuts(Potential potential) {
        return new MCMC(potential, Double.NaN);
    }

    /** HMC with a fixed trajectory length (step size adapted, steps = ceil(length / step size)). */
    public static MCMC hmc(Potential potential, double trajectoryLength) {
        if (!(trajectoryLength > 0)) {
            throw new IllegalArgumentException("HMC: trajectoryLength must be > 0, got " + trajectoryLength);
        }
        return new MCMC(potential, trajectoryLength);
    }

    /**
     * Uses these per-chain streams instead of splitting the seed's (e.g. to rerun one chain of a batch
     * on its own); their number sets the number of chains.
     */
    public MCMC streams(List<RandomStream> perChain) {
        this.streams = List.copyOf(perChain);
        this.chains = perChain.size();
        return this;
    }

    public MCMC chains(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MCMC: chains must be >= 1, got " + n);
        }
        this.chains = n;
        return this;
    }

    public MCMC warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("MCMC: warmup must be >= 0, got " + n);
        }
        this.warmup = n;
        return this;
    }

    public MCMC samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MCMC: samples must be >= 1, got " + n);
        }
        this.samples = n;
        return this;
    }

    public MCMC seed(long s) {
        this.seed = s;
        return this;
    }

    public MCMC targetAccept(double a) {
        if (!(a > 0 && a < 1)) {
            throw new IllegalArgumentException("MCMC: targetAccept must be in (0, 1), got " + a);
        }
        this.targetAccept = a;
        return this;
    }

    public MCMC maxTreeDepth(int d) {
        if (d < 1 || d > 30) {
            throw new IllegalArgumentException("MCMC: maxTreeDepth must be in 1..30, got " + d);
        }
        this.maxTreeDepth = d;
        return this;
    }

    /** Adapts a dense mass matrix instead of a diagonal one. */
    public MCMC denseMass(boolean dense) {
        this.denseMass = dense;
        return this;
    }

    /** Starting points {@code [chains, D]} on the unconstrained space (default: uniform(-2, 2)). */
    public MCMC initialPositions(INDArray q) {
        this.initialPositions = q;
        return this;
    }

    public MCMC dtype(DataType dt) {
        this.dtype = dt;
        return this;
    }

    public MCMC listener(McmcListener l) {
        this.listener = l;
        return this;
    }

    /**
     * Who runs the potential's compiled program: {@link Executor#JVM}, {@link Executor#ND4J}, or
     * {@link Executor#AUTO} (default: the system property {@code pyrite.executor}, else the cost model).
     */
    public MCMC executor(Executor e) {
        this.executor = java.util.Objects.requireNonNull(e, "executor");
        return this;
    }

    /** The per-chain streams a run with this seed uses (chain i gets split i of the seed's stream). */
    public static List<RandomStream> chainStreams(long seed, int chains) {
        return RandomStream.of(seed).split(chains);
    }

    /** Runs warm-up and sampling of every chain (see {@link ChainDriver}). */
    public McmcSamples run() {
        return driver().run();
    }

    /**
     * The driver of this run, not started: {@link ChainDriver#run()} gives the same samples as
     * {@link #run()}; {@link ChainDriver#slot()} advances every chain by one leapfrog (for benchmarks).
     */
    public ChainDriver<?> driver() {
        List<RandomStream> perChain = this.streams != null ? this.streams : chainStreams(seed, chains);
        RunSettings settings = new RunSettings(warmup, samples, targetAccept, denseMass, initialPositions, dtype,
                listener, executor);
        return Double.isNaN(hmcTrajectoryLength)
                ? new ChainDriver<>(potential, new NutsTransition(maxTreeDepth), settings, perChain)
                : new ChainDriver<>(potential, new HmcTransition(hmcTrajectoryLength), settings, perChain);
    }
}
