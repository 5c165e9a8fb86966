package dev.pyrite.inference.gibbs;

import dev.pyrite.tensor.Executor;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Discrete-HMC-within-Gibbs, NumPyro's {@code DiscreteHMCGibbs}: each iteration updates every element
 * of every finite discrete site in turn by Liu's Metropolised Gibbs step ({@link ModifiedGibbs}), then
 * the continuous sites, given the discrete ones, by one HMC transition. For models whose discrete sites
 * cannot be summed out (too many, or too entangled for enumeration to be tractable).
 *
 * <p><b>Why this and not MixedHMC</b> (Zhou 2020): the discrete update is exact given the rest (a full
 * conditional over the support, no step size, no trajectory length, nothing to tune), and the continuous
 * update is plain HMC with the dual-averaging step size we adapt elsewhere; MixedHMC needs its own
 * tuning (the number of discrete updates per trajectory, the step size of the embedded discrete
 * momenta) and a corrected acceptance step, and its efficiency depends on them.
 *
 * <p><b>The continuous update</b> is a fixed number of leapfrog steps ({@link #leapfrogSteps}, default
 * 10) with identity mass, its step size adapted per chain during warm-up by dual averaging to
 * {@link #targetAccept} and jittered by ±20% per transition (which breaks periodic trajectories), not a
 * NUTS transition: our NUTS driver runs whole runs with its own warm-up schedule and cannot take a
 * potential that changes between its transitions without surgery. The inverse mass is not adapted
 * ({@link dev.pyrite.inference.mcmc.McmcSamples#inverseMass()} reports ones).
 *
 * <p><b>Vectorised over chains</b>: each discrete element costs one batched call of the potential
 * scoring every value of its support for every chain ({@code [chains * K, D]} rows), each leapfrog step
 * one batched gradient call over all chains; no call is per chain.
 *
 * <pre>{@code
 * GibbsSamples s = DiscreteHMCGibbs.of(model).chains(4).warmup(500).samples(1000).seed(1).run();
 * Posterior p = s.posterior();      // or Posterior.of(s.continuousPotential(), s.continuous())
 *                                   //        .withDiscreteSites(s.discrete())
 * }</pre>
 */
public final class DiscreteHMCGibbs {
    private final Runnable model;
    private int chains = 4;
    private int warmup = 500;
    private int samples = 1000;
    private long seed;
    private int leapfrogSteps = 10;
    private double initialStepSize = 0.1;
    private double targetAccept = 0.8;
    private DataType dtype = dev.pyrite.tensor.Backend.floatType();
    private Executor executor = Executor.configured();

    private DiscreteHMCGibbs(Runnable model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Gibbs on the model's discrete latent sites (each of finite support: Bernoulli, Categorical,
     * Binomial, DiscreteUniform...), HMC on its continuous ones (at least one).
     */
    public static DiscreteHMCGibbs of(Runnable model) {
        return new DiscreteHMCGibbs(model);
    }

    public DiscreteHMCGibbs chains(int n) {
        require(n >= 1, "chains must be >= 1, got " + n);
        this.chains = n;
        return this;
    }

    public DiscreteHMCGibbs warmup(int n) {
        require(n >= 0, "warmup must be >= 0, got " + n);
        this.warmup = n;
        return this;
    }

    public DiscreteHMCGibbs samples(int n) {
        require(n >= 1, "samples must be >= 1, got " + n);
        this.samples = n;
        return this;
    }

    public DiscreteHMCGibbs seed(long s) {
        this.seed = s;
        return this;
    }

    /** Leapfrog steps of each HMC transition on the continuous sites (default 10). */
    public DiscreteHMCGibbs leapfrogSteps(int n) {
        require(n >= 1, "leapfrogSteps must be >= 1, got " + n);
        this.leapfrogSteps = n;
        return this;
    }

    /** The HMC step size warm-up starts from (or, with no warm-up, keeps; default 0.1). */
    public DiscreteHMCGibbs initialStepSize(double eps) {
        require(eps > 0 && Double.isFinite(eps), "initialStepSize must be finite and > 0, got " + eps);
        this.initialStepSize = eps;
        return this;
    }

    /** The HMC acceptance probability the step size is adapted to (default 0.8). */
    public DiscreteHMCGibbs targetAccept(double a) {
        require(a > 0 && a < 1, "targetAccept must be in (0, 1), got " + a);
        this.targetAccept = a;
        return this;
    }

    public DiscreteHMCGibbs dtype(DataType dt) {
        this.dtype = Objects.requireNonNull(dt, "dtype");
        return this;
    }

    /** Who runs the compiled potential (default: {@link Executor#configured()}). */
    public DiscreteHMCGibbs executor(Executor e) {
        this.executor = Objects.requireNonNull(e, "executor");
        return this;
    }

    /** Runs warm-up and sampling of every chain. */
    public GibbsSamples run() {
        return new GibbsDriver(model, new GibbsSettings(chains, warmup, samples, seed, leapfrogSteps, initialStepSize,
                targetAccept, dtype, executor)).run();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("DiscreteHMCGibbs: " + message);
        }
    }
}
