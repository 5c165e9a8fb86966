package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.DrawTable;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;
import java.util.List;

/**
 * ChEES-HMC over an ensemble (Hoffman, Radul and Sountsov, AISTATS 2021): in each iteration every chain
 * draws a momentum and takes the same number of leapfrog steps, with one shared step size, trajectory
 * length and diagonal mass ({@link CheesAdaptation}), then accepts or rejects on its own. No chain waits
 * for another: each leapfrog is one batched gradient call of all chains.
 */
final class CheesSampler implements EnsembleSampler {
    /** A leapfrog that raises H by more than this is a divergence, as in Stan. */
    static final double MAX_ENERGY_ERROR = 1000;
    private final Potential potential;
    private final EnsembleSettings settings;
    private final BatchedGradient gradient;
    private final EnsembleState state;
    private final CheesAdaptation adaptation;
    private final DrawTable draws;
    private boolean initialized;
    private long warmupNanos;
    private long samplingNanos;
    // per-iteration scratch: the trajectories' ends
    private final double[] q1;
    private final double[] u1;
    private final double[] g1;
    private final double[] p;
    private final double[] h0;
    private final double[] accept;
    private final boolean[] diverged;

    CheesSampler(Potential potential, EnsembleSettings settings, List<RandomStream> streams, double targetAccept,
                 double learningRate, int maxLeapfrogs) {
        this.potential = potential;
        this.settings = settings;
        int c = settings.chains();
        int d = potential.dimension();
        this.gradient = new BatchedGradient(potential, c, settings.dtype(), settings.executor());
        this.state = new EnsembleState(c, d, streams);
        this.adaptation = new CheesAdaptation(settings.warmup(), c, d, targetAccept, learningRate, maxLeapfrogs);
        this.draws = new DrawTable(c, settings.samples(), d);
        this.q1 = new double[c * d];
        this.u1 = new double[c];
        this.g1 = new double[c * d];
        this.p = new double[c * d];
        this.h0 = new double[c];
        this.accept = new double[c];
        this.diverged = new boolean[c];
    }

    @Override
    public void init() {
        if (initialized) {
            return;
        }
        initialized = true;
        long start = System.nanoTime();
        state.initialize(gradient, settings.initialPositions(), settings.dtype(), potential.describe());
        adaptation.start(InitialStepSize.search(state, gradient, adaptation.scale));
        warmupNanos += System.nanoTime() - start;
    }

    @Override
    public boolean step() {
        init();
        int i = state.iteration;
        if (i >= settings.iterations()) {
            return false;
        }
        long start = System.nanoTime();
        boolean warm = i < settings.warmup();
        int c = state.chains;
        int d = state.dimension;
        double eps = adaptation.stepSize();
        int steps = adaptation.nextLeapfrogs();
        double[] s = adaptation.scale;
        System.arraycopy(state.q, 0, q1, 0, q1.length);
        System.arraycopy(state.u, 0, u1, 0, c);
        System.arraycopy(state.grad, 0, g1, 0, g1.length);
        for (int k = 0; k < c; k++) {
            int at = k * d;
            RandomStream stream = state.streams[k];
            for (int j = 0; j < d; j++) {
                p[at + j] = stream.normalDouble();
            }
            h0[k] = state.u[k] + ScaledLeapfrog.kinetic(p, at, d);
            diverged[k] = false;
        }
        for (int l = 0; l < steps; l++) {
            for (int k = 0; k < c; k++) {
                if (!diverged[k]) {
                    ScaledLeapfrog.kick(p, g1, s, 0, 0.5 * eps, k * d, d);
                    ScaledLeapfrog.drift(q1, p, s, 0, eps, k * d, d);
                }
            }
            gradient.evaluate(q1, u1, g1);
            for (int k = 0; k < c; k++) {
                if (diverged[k]) {
                    continue;
                }
                int at = k * d;
                if (ScaledLeapfrog.finite(u1[k], g1, q1, at, d)) {
                    ScaledLeapfrog.kick(p, g1, s, 0, 0.5 * eps, at, d);
                } else {
                    // the chain stops here; its row goes back to its start so the batch stays finite
                    diverged[k] = true;
                    System.arraycopy(state.q, at, q1, at, d);
                }
            }
        }
        for (int k = 0; k < c; k++) {
            double h1 = u1[k] + ScaledLeapfrog.kinetic(p, k * d, d);
            double error = h1 - h0[k];
            if (diverged[k] || !(error < MAX_ENERGY_ERROR)) {
                diverged[k] = true;
                accept[k] = 0;
            } else {
                accept[k] = Math.min(1.0, Math.exp(-error));
            }
        }
        if (warm) {
            adaptation.learn(state.q, q1, p, accept, steps * eps);
        }
        int sample = i - settings.warmup();
        for (int k = 0; k < c; k++) {
            int at = k * d;
            boolean accepted = state.streams[k].uniformDouble() < accept[k];
            double hamiltonian = h0[k];
            if (accepted) {
                System.arraycopy(q1, at, state.q, at, d);
                System.arraycopy(g1, at, state.grad, at, d);
                state.u[k] = u1[k];
                hamiltonian = u1[k] + ScaledLeapfrog.kinetic(p, at, d);
            }
            if (diverged[k]) {
                if (warm) {
                    state.warmupDivergences++;
                } else {
                    state.divergences++;
                }
            }
            if (!warm) {
                draws.record(k, sample, state.q, k * state.dimension, state.u[k], DrawStats.of(accept[k], steps, diverged[k], hamiltonian),
                        eps);
            }
        }
        state.gradients += (long) steps * c;
        if (warm) {
            adaptation.afterIteration(i, state.q);
        }
        state.iteration++;
        long elapsed = System.nanoTime() - start;
        if (warm) {
            warmupNanos += elapsed;
        } else {
            samplingNanos += elapsed;
        }
        settings.listener().iteration(state.iteration, settings.iterations(), warm, eps,
                warm ? state.warmupDivergences : state.divergences);
        return state.iteration < settings.iterations();
    }

    @Override
    public int iteration() {
        return state.iteration;
    }

    /** The shared step size now (after warm-up: the adapted one). */
    double stepSize() {
        return adaptation.stepSize();
    }

    /** The shared trajectory length now (after warm-up: the adapted one). */
    double trajectoryLength() {
        return adaptation.trajectoryLength();
    }

    @Override
    public McmcSamples run() {
        init();
        while (step()) {
            // every chain takes one iteration per step
        }
        return samples();
    }

    @Override
    public McmcSamples samples() {
        int c = state.chains;
        double[] steps = new double[c];
        Arrays.fill(steps, adaptation.stepSize());
        double[] inverseMass = new double[c * state.dimension];
        for (int k = 0; k < c; k++) {
            System.arraycopy(adaptation.inverseMass, 0, inverseMass, k * state.dimension, state.dimension);
        }
        return draws.toSamples(settings.dtype(), steps, inverseMass, warmupNanos / 1e9, samplingNanos / 1e9,
                state.gradients);
    }

    @Override
    public void writeState(StateWriter out) {
        out.string("algorithm", "chees");
        out.bool("initialized", initialized);
        out.part("ensemble", state);
        out.part("adaptation", adaptation);
        out.part("draws", draws);
    }

    @Override
    public void readState(StateReader in) {
        String algorithm = in.string("algorithm");
        if (!algorithm.equals("chees")) {
            throw new IllegalArgumentException("run state of algorithm '" + algorithm + "', expected 'chees'");
        }
        initialized = in.bool("initialized");
        in.part("ensemble", state);
        in.part("adaptation", adaptation);
        in.part("draws", draws);
    }
}
