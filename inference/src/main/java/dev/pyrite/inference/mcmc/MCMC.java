package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.RandomStream;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs NUTS or HMC for C chains from one seed: initialisation, Stan-style warm-up (dual averaging of
 * each chain's step size, windowed diagonal or dense mass matrix) and sampling, each chain on its own
 * program counter ({@link ChainDriver}). The same seed gives the same draws on every run; each chain has
 * its own split stream, so a chain's draws do not depend on how many chains run beside it.
 *
 * <pre>{@code
 * McmcSamples s = MCMC.nuts(potential).chains(4).warmup(500).samples(1000).seed(0).run();
 *
 * McmcRun run = MCMC.nuts(potential).untilRhat(1.01).untilEss(400).start();   // a step program
 * while (!run.step()) {
 *     if (run.iteration() % 100 == 0) run.checkpoint(dir);
 * }
 * McmcSamples same = run.samples();
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
    private final List<McmcListener> listeners = new ArrayList<>();
    private Executor executor = Executor.configured();
    private double untilRhat = Double.NaN;
    private int superchains;
    private double untilEss = Double.NaN;
    private int roundIterations = 100;

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

    /** Adds a listener, called as a {@link Hook} after each iteration (see {@link Hook#of(McmcListener)}). */
    public MCMC listener(McmcListener l) {
        this.listeners.add(java.util.Objects.requireNonNull(l, "listener"));
        return this;
    }

    /**
     * Samples in rounds of {@link #roundIterations} until the rank-normalised split R-hat of every
     * component is at most {@code target} (and the other targets are met), or the samples are spent.
     */
    public MCMC untilRhat(double target) {
        if (!(target >= 1)) {
            throw new IllegalArgumentException("MCMC: untilRhat must be >= 1, got " + target);
        }
        this.untilRhat = target;
        return this;
    }

    /**
     * Samples in rounds of {@link #roundIterations} until the bulk ESS of every component is at least
     * {@code target} (and the other targets are met), or the samples are spent.
     */
    public MCMC untilEss(double target) {
        if (!(target > 0)) {
            throw new IllegalArgumentException("MCMC: untilEss must be > 0, got " + target);
        }
        this.untilEss = target;
        return this;
    }

    /**
     * The chains form {@code k} superchains of consecutive chains that share starting points
     * ({@link Superchains}): the stopping rule then compares nested R-hat (Margossian et al. 2023) with its
     * R-hat target, which suits many short chains. 0 (default): split R-hat.
     */
    public MCMC superchains(int k) {
        if (k == 1 || k < 0) {
            throw new IllegalArgumentException("MCMC: superchains must be 0 (split R-hat) or >= 2, got " + k);
        }
        this.superchains = k;
        return this;
    }

    /** Sampling iterations between two checks of the stopping rule (default 100). */
    public MCMC roundIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MCMC: roundIterations must be >= 1, got " + n);
        }
        this.roundIterations = n;
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

    /** Runs warm-up and sampling of every chain: {@link #start()} stepped to its end. */
    public McmcSamples run() {
        return start().run();
    }

    /** The run as a step program, not yet stepped (see {@link McmcRun}). */
    public McmcRun start() {
        if (superchains > 0 && chains % superchains != 0) {
            throw new IllegalArgumentException("MCMC: superchains (" + superchains + ") must divide chains ("
                    + chains + ") evenly");
        }
        McmcRun run = new McmcRun(settings(), driver(), new ConvergenceTargets(untilRhat, untilEss, superchains));
        for (McmcListener l : listeners) {
            run.hook(Hook.of(l));
        }
        return run;
    }

    /** This builder's settings as plain data (what a checkpoint records). */
    public McmcSettings settings() {
        boolean nuts = Double.isNaN(hmcTrajectoryLength);
        double[][] starts = initialPositions == null ? null
                : initialPositions.castTo(DataType.DOUBLE).toDoubleMatrix();
        return new McmcSettings(nuts ? "nuts" : "hmc", maxTreeDepth, nuts ? 0 : hmcTrajectoryLength, chains, warmup,
                samples, seed, targetAccept, denseMass, starts, dtype.name(), executor.name(),
                Double.isNaN(untilRhat) ? null : untilRhat, Double.isNaN(untilEss) ? null : untilEss,
                roundIterations, superchains);
    }

    /** A builder with these settings on {@code potential} (listeners and custom streams are not settings). */
    public static MCMC of(McmcSettings s, Potential potential) {
        MCMC m = switch (s.algorithm()) {
            case "nuts" -> nuts(potential).maxTreeDepth(s.maxTreeDepth());
            case "hmc" -> hmc(potential, s.trajectoryLength());
            default -> throw new IllegalArgumentException("MCMC settings: algorithm must be nuts or hmc, got '"
                    + s.algorithm() + "'");
        };
        m.chains(s.chains()).warmup(s.warmup()).samples(s.samples()).seed(s.seed()).targetAccept(s.targetAccept())
                .denseMass(s.denseMass()).dtype(DataType.valueOf(s.dtype())).executor(Executor.valueOf(s.executor()))
                .roundIterations(s.roundIterations()).superchains(s.superchains());
        if (s.initialPositions() != null) {
            m.initialPositions(Nd4j.create(s.initialPositions()));
        }
        if (s.untilRhat() != null) {
            m.untilRhat(s.untilRhat());
        }
        if (s.untilEss() != null) {
            m.untilEss(s.untilEss());
        }
        return m;
    }

    /**
     * The driver of this run, not started: {@link ChainDriver#run()} gives the same samples as
     * {@link #run()}; {@link ChainDriver#slot()} advances every chain by one leapfrog (for benchmarks).
     */
    public ChainDriver<?> driver() {
        List<RandomStream> perChain = this.streams != null ? this.streams : chainStreams(seed, chains);
        RunSettings settings = new RunSettings(warmup, samples, targetAccept, denseMass, initialPositions, dtype,
                executor);
        return Double.isNaN(hmcTrajectoryLength)
                ? new ChainDriver<>(potential, new NutsTransition(maxTreeDepth), settings, perChain)
                : new ChainDriver<>(potential, new HmcTransition(hmcTrajectoryLength), settings, perChain);
    }
}
