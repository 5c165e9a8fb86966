package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.RandomStream;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs NUTS for C chains from one seed: initialisation, Stan-style warm-up (dual averaging of each
 * chain's step size, windowed diagonal or dense mass matrix) and sampling. The same seed gives the same
 * draws on every run; each chain has its own split stream, so a chain's draws do not depend on how many
 * chains run beside it.
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

    /** The state of chains at positions {@code q [C, D]}: potential energies and gradients (for kernels used directly). */
    public static ChainState stateAt(Potential potential, INDArray q) {
        return new PotentialProgram(potential).at(q);
    }

    /** The per-chain streams a run with this seed uses (chain i gets split i of the seed's stream). */
    public static List<RandomStream> chainStreams(long seed, int chains) {
        return RandomStream.of(seed).split(chains);
    }

    public McmcSamples run() {
        int d = potential.dimension();
        List<RandomStream> streams = this.streams != null ? this.streams : chainStreams(seed, chains);
        PotentialProgram program = new PotentialProgram(potential);
        ChainState state = new Initializer(program, d, dtype, potential.describe()).initialize(streams, initialPositions);

        INDArray invMass = denseMass
                ? Nd4j.eye(d).castTo(dtype).reshape(1, d, d).repeat(0, chains)
                : Nd4j.ones(dtype, chains, d);
        INDArray scale = MomentumScale.of(invMass);
        Kernel kernel = Double.isNaN(hmcTrajectoryLength) ? new NutsKernel(potential, maxTreeDepth)
                : new HmcKernel(potential, hmcTrajectoryLength);
        StepSizeInitializer stepInit = new StepSizeInitializer(potential);
        INDArray step = stepInit.initialize(state, invMass, scale, streams, 1.0);
        DualAveraging adapt = new DualAveraging(targetAccept, step);
        MassMatrixAdaptation mass = new MassMatrixAdaptation(denseMass);
        WarmupSchedule schedule = new WarmupSchedule(warmup);
        long gradients = 0;
        long warmupDivergences = 0;

        long t0 = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            Kernel.Transition t = kernel.transition(state, step, invMass, scale, streams);
            state = t.state();
            gradients += (long) t.stats().leapfrogs().sumNumber().doubleValue();
            warmupDivergences += (long) t.stats().divergent().sumNumber().doubleValue();
            adapt.update(t.stats().acceptStat());
            step = adapt.current();
            if (schedule.inSlowWindow(i)) {
                mass.add(state.q());
            }
            if (schedule.endsWindow(i)) {
                invMass = mass.inverseMass();
                scale = MomentumScale.of(invMass);
                mass.reset();
                step = stepInit.initialize(state, invMass, scale, streams, 1.0);
                adapt.restart(step);
            }
            listener.iteration(i + 1, warmup + samples, true, step.meanNumber().doubleValue(), warmupDivergences);
        }
        if (warmup > 0) {
            step = adapt.averaged();
        }
        double warmupSeconds = (System.nanoTime() - t0) / 1e9;

        INDArray draws = Nd4j.create(dtype, chains, samples, d);
        INDArray logDensity = Nd4j.create(dtype, chains, samples);
        INDArray accept = Nd4j.create(dtype, chains, samples);
        INDArray stepSizes = Nd4j.create(dtype, chains, samples);
        INDArray depth = Nd4j.create(dtype, chains, samples);
        INDArray leapfrogs = Nd4j.create(dtype, chains, samples);
        INDArray divergent = Nd4j.create(dtype, chains, samples);
        INDArray energy = Nd4j.create(dtype, chains, samples);
        long divergences = 0;
        t0 = System.nanoTime();
        for (int s = 0; s < samples; s++) {
            Kernel.Transition t = kernel.transition(state, step, invMass, scale, streams);
            state = t.state();
            TransitionStats st = t.stats();
            gradients += (long) st.leapfrogs().sumNumber().doubleValue();
            divergences += (long) st.divergent().sumNumber().doubleValue();
            draws.get(NDArrayIndex.all(), NDArrayIndex.point(s), NDArrayIndex.all()).assign(state.q());
            column(logDensity, s).assign(state.energy().neg());
            column(accept, s).assign(st.acceptStat());
            column(stepSizes, s).assign(step);
            column(depth, s).assign(st.treeDepth());
            column(leapfrogs, s).assign(st.leapfrogs());
            column(divergent, s).assign(st.divergent());
            column(energy, s).assign(st.energy());
            listener.iteration(warmup + s + 1, warmup + samples, false, step.meanNumber().doubleValue(), divergences);
        }
        double samplingSeconds = (System.nanoTime() - t0) / 1e9;
        return new McmcSamples(draws, logDensity, accept, stepSizes, depth, leapfrogs, divergent, energy, step,
                invMass, warmupSeconds, samplingSeconds, gradients);
    }

    private static INDArray column(INDArray a, int s) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.point(s));
    }
}
