package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Executor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Discontinuous Hamiltonian Monte Carlo (Nishimura, Dunson and Lu, Biometrika 2020), pyfo's sampler:
 * the coordinates where the density jumps (embedded integer sites, or where an {@code if} on a latent
 * changes the density) take Laplace momentum and coordinate-wise updates that conserve the Hamiltonian
 * exactly; the others take leapfrog steps with Gaussian momentum. Each transition draws its step size
 * and its step count from jittered ranges, as pyfo does ({@code stepsize_range=[0.03, 0.15]},
 * {@code n_step_range=[10, 20]}), then accepts or rejects the end point by Metropolis.
 *
 * <p>Warm-up: the step size is {@code base * f}, {@code f} uniform on {@code [low, high] / centre} of the
 * range, and the base (starting at the range's centre) is adapted by dual averaging to the target
 * acceptance probability, then fixed at its average; a scale per coordinate (the posterior standard
 * deviation, a diagonal mass matrix) is estimated over warm-up iterations 15% to 75%. A model with no
 * continuous coordinate accepts every transition, so its base step size is not adapted (only its scales
 * are). With no warm-up, the step size is drawn from the range itself.
 *
 * <p>All chains run in lock step, one integrator step per slot, every potential evaluation one batched
 * call over all chains ({@link DhmcDriver}).
 *
 * <pre>{@code
 * ModelPotential u = ModelPotential.embedding(model);        // discrete sites on the real line
 * McmcSamples s = DHMC.of(u).chains(4).warmup(500).samples(1000).seed(1).run();
 * McmcSamples j = DHMC.of(potential, new int[]{0}).run();    // coordinate 0 has jumps
 * }</pre>
 */
public final class DHMC {
    private final Potential potential;
    private final int[] discontinuous;
    private int chains = 4;
    private int warmup = 500;
    private int samples = 1000;
    private long seed;
    private double stepSizeLow = 0.03;
    private double stepSizeHigh = 0.15;
    private int stepsLow = 10;
    private int stepsHigh = 20;
    private double targetAccept = 0.8;
    private INDArray initialPositions;
    private DataType dtype = dev.pyrite.tensor.Backend.floatType();
    private McmcListener listener = McmcListener.NONE;
    private Executor executor = Executor.configured();

    private DHMC(Potential potential, int[] discontinuous) {
        this.potential = potential;
        int[] sorted = discontinuous.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= potential.dimension() || (i > 0 && sorted[i] == sorted[i - 1])) {
                throw new IllegalArgumentException("DHMC: discontinuous coordinates must be distinct and in 0.."
                        + (potential.dimension() - 1) + ", got " + Arrays.toString(discontinuous));
            }
        }
        this.discontinuous = sorted;
    }

    /** DHMC on a potential whose coordinates {@code discontinuousCoordinates} (0-based) have jumps. */
    public static DHMC of(Potential potential, int[] discontinuousCoordinates) {
        return new DHMC(potential, discontinuousCoordinates);
    }

    /** DHMC on a model's embedding potential: its embedded discrete sites are the discontinuous coordinates. */
    public static DHMC of(ModelPotential potential) {
        return new DHMC(potential, potential.discontinuousCoordinates());
    }

    public DHMC chains(int n) {
        require(n >= 1, "chains must be >= 1, got " + n);
        this.chains = n;
        return this;
    }

    public DHMC warmup(int n) {
        require(n >= 0, "warmup must be >= 0, got " + n);
        this.warmup = n;
        return this;
    }

    public DHMC samples(int n) {
        require(n >= 1, "samples must be >= 1, got " + n);
        this.samples = n;
        return this;
    }

    public DHMC seed(long s) {
        this.seed = s;
        return this;
    }

    /** The range each transition draws its step size from (pyfo's {@code stepsize_range}; default [0.03, 0.15]). */
    public DHMC stepSizeRange(double low, double high) {
        require(low > 0 && high >= low && Double.isFinite(high),
                "stepSizeRange must satisfy 0 < low <= high, got [" + low + ", " + high + "]");
        this.stepSizeLow = low;
        this.stepSizeHigh = high;
        return this;
    }

    /** The range each transition draws its step count from, inclusive (pyfo's {@code n_step_range}; default [10, 20]). */
    public DHMC stepCountRange(int low, int high) {
        require(low >= 1 && high >= low, "stepCountRange must satisfy 1 <= low <= high, got [" + low + ", "
                + high + "]");
        this.stepsLow = low;
        this.stepsHigh = high;
        return this;
    }

    public DHMC targetAccept(double a) {
        require(a > 0 && a < 1, "targetAccept must be in (0, 1), got " + a);
        this.targetAccept = a;
        return this;
    }

    /** Starting points {@code [chains, D]} on the unconstrained space (default: uniform(-2, 2)). */
    public DHMC initialPositions(INDArray q) {
        this.initialPositions = q;
        return this;
    }

    public DHMC dtype(DataType dt) {
        this.dtype = java.util.Objects.requireNonNull(dt, "dtype");
        return this;
    }

    public DHMC listener(McmcListener l) {
        this.listener = java.util.Objects.requireNonNull(l, "listener");
        return this;
    }

    /** Who runs the compiled potential (default: {@link Executor#configured()}). */
    public DHMC executor(Executor e) {
        this.executor = java.util.Objects.requireNonNull(e, "executor");
        return this;
    }

    /** Runs warm-up and sampling of every chain. */
    public McmcSamples run() {
        return driver().run();
    }

    /** The driver of this run, not started (to step it slot by slot, or checkpoint it). */
    public DhmcDriver driver() {
        DhmcSettings settings = new DhmcSettings(chains, warmup, samples, seed, stepSizeLow, stepSizeHigh, stepsLow,
                stepsHigh, targetAccept, initialPositions, dtype, listener, executor);
        return new DhmcDriver(potential, discontinuous, settings);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("DHMC: " + message);
        }
    }
}
