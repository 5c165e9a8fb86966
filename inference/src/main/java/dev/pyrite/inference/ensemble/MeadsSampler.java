package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.DrawTable;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;
import java.util.List;

/**
 * MEADS over an ensemble (Hoffman and Sountsov, AISTATS 2022): generalised HMC with one leapfrog per
 * iteration, persistent momentum and non-reversible slice accept decisions ({@link PersistentMomentum}),
 * its step size, scale and damping set from the other chains ({@link MeadsAdaptation}). Each iteration
 * is one batched gradient call of all chains.
 */
final class MeadsSampler implements EnsembleSampler {
    private final Potential potential;
    private final EnsembleSettings settings;
    private final BatchedGradient gradient;
    private final EnsembleState state;
    private final PersistentMomentum momentum;
    private final MeadsAdaptation adaptation;
    private final DrawTable draws;
    private boolean initialized;
    private long warmupNanos;
    private long samplingNanos;
    // per-iteration scratch
    private final double[] q1;
    private final double[] u1;
    private final double[] g1;
    private final double[] p1;
    private final double[] h0;

    MeadsSampler(Potential potential, EnsembleSettings settings, List<RandomStream> streams, RandomStream shared) {
        this.potential = potential;
        this.settings = settings;
        int c = settings.chains();
        int d = potential.dimension();
        this.gradient = new BatchedGradient(potential, c, settings.dtype(), settings.executor());
        this.state = new EnsembleState(c, d, streams);
        this.momentum = new PersistentMomentum(c, d);
        this.adaptation = new MeadsAdaptation(c, d, settings.warmup(), shared);
        this.draws = new DrawTable(c, settings.samples(), d);
        this.q1 = new double[c * d];
        this.u1 = new double[c];
        this.g1 = new double[c * d];
        this.p1 = new double[c * d];
        this.h0 = new double[c];
    }

    @Override
    public void init() {
        if (initialized) {
            return;
        }
        initialized = true;
        long start = System.nanoTime();
        state.initialize(gradient, settings.initialPositions(), settings.dtype(), potential.describe());
        momentum.draw(state);
        adaptation.prepare(0, state.q, state.grad);
        if (settings.warmup() == 0) {
            adaptation.fixAverages();
        }
        warmupNanos += System.nanoTime() - start;
    }

    @Override
    public boolean step() {
        init();
        int t = state.iteration;
        if (t >= settings.iterations()) {
            return false;
        }
        long start = System.nanoTime();
        boolean warm = t < settings.warmup();
        int c = state.chains;
        int d = state.dimension;
        if (warm) {
            adaptation.prepare(t, state.q, state.grad);
        }
        int frozen = adaptation.frozen(t);
        double[] p = momentum.p;
        double[] slice = momentum.slice;
        System.arraycopy(state.q, 0, q1, 0, q1.length);
        for (int k = 0; k < c; k++) {
            int f = adaptation.fold(k);
            if (f == frozen) {
                continue;
            }
            int at = k * d;
            double alpha = adaptation.refresh[f];
            double keep = Math.sqrt(1 - alpha);
            double fresh = Math.sqrt(alpha);
            RandomStream stream = state.streams[k];
            for (int j = 0; j < d; j++) {
                p[at + j] = keep * p[at + j] + fresh * stream.normalDouble();
            }
            slice[k] = (slice[k] + 1 + adaptation.shift[f]) % 2 - 1;
            h0[k] = state.u[k] + ScaledLeapfrog.kinetic(p, at, d);
            System.arraycopy(p, at, p1, at, d);
            ScaledLeapfrog.kick(p1, state.grad, adaptation.scale, f * d, 0.5 * adaptation.step[f], at, d);
            ScaledLeapfrog.drift(q1, p1, adaptation.scale, f * d, adaptation.step[f], at, d);
            if (!ScaledLeapfrog.finite(0, state.grad, q1, at, d)) {
                System.arraycopy(state.q, at, q1, at, d);   // keeps the batch finite; rejected below
                h0[k] = Double.NaN;
            }
        }
        gradient.evaluate(q1, u1, g1);
        int sample = t - settings.warmup();
        for (int k = 0; k < c; k++) {
            int f = adaptation.fold(k);
            if (f == frozen) {
                continue;
            }
            int at = k * d;
            double eps = adaptation.step[f];
            boolean finite = !Double.isNaN(h0[k]) && ScaledLeapfrog.finite(u1[k], g1, q1, at, d);
            double error = Double.NaN;
            if (finite) {
                ScaledLeapfrog.kick(p1, g1, adaptation.scale, f * d, 0.5 * eps, at, d);
                error = u1[k] + ScaledLeapfrog.kinetic(p1, at, d) - h0[k];
            }
            boolean diverged = !(error < CheesSampler.MAX_ENERGY_ERROR);
            double accept = diverged ? 0 : Math.min(1.0, Math.exp(-error));
            double hamiltonian = h0[k];
            if (!diverged && Math.log(Math.abs(slice[k])) < -error) {
                System.arraycopy(q1, at, state.q, at, d);
                System.arraycopy(g1, at, state.grad, at, d);
                System.arraycopy(p1, at, p, at, d);
                state.u[k] = u1[k];
                slice[k] *= Math.exp(error);
                hamiltonian = h0[k] + error;
            } else {
                for (int j = 0; j < d; j++) {
                    p[at + j] = -p[at + j];
                }
            }
            if (diverged) {
                if (warm) {
                    state.warmupDivergences++;
                } else {
                    state.divergences++;
                }
            }
            if (!warm) {
                draws.record(k, sample, state.q, k * state.dimension, state.u[k], DrawStats.of(accept, 1, diverged, hamiltonian),
                        eps);
            }
        }
        // the batched call computes every row, the frozen fold's included
        state.gradients += c;
        if (warm) {
            adaptation.afterIteration(t);
        }
        state.iteration++;
        long elapsed = System.nanoTime() - start;
        if (warm) {
            warmupNanos += elapsed;
        } else {
            samplingNanos += elapsed;
        }
        double meanStep = 0;
        for (double e : adaptation.step) {
            meanStep += e / MeadsAdaptation.FOLDS;
        }
        settings.listener().iteration(state.iteration, settings.iterations(), warm, meanStep,
                warm ? state.warmupDivergences : state.divergences);
        return state.iteration < settings.iterations();
    }

    @Override
    public int iteration() {
        return state.iteration;
    }

    /** Fold 0's step size now (after warm-up: the fixed one of every chain). */
    double stepSize() {
        return adaptation.step[0];
    }

    /** Fold 0's momentum refresh rate now (after warm-up: the fixed one of every chain). */
    double refresh() {
        return adaptation.refresh[0];
    }

    @Override
    public McmcSamples run() {
        init();
        while (step()) {
            // every chain takes one leapfrog per step
        }
        return samples();
    }

    @Override
    public McmcSamples samples() {
        int c = state.chains;
        int d = state.dimension;
        double[] steps = new double[c];
        double[] inverseMass = new double[c * d];
        for (int k = 0; k < c; k++) {
            int f = adaptation.fold(k);
            steps[k] = adaptation.step[f];
            for (int j = 0; j < d; j++) {
                double s = adaptation.scale[f * d + j];
                inverseMass[k * d + j] = s * s;
            }
        }
        return draws.toSamples(settings.dtype(), steps, inverseMass, warmupNanos / 1e9, samplingNanos / 1e9,
                state.gradients);
    }

    @Override
    public void writeState(StateWriter out) {
        out.string("algorithm", "meads");
        out.bool("initialized", initialized);
        out.part("ensemble", state);
        out.part("momentum", momentum);
        out.part("adaptation", adaptation);
        out.part("draws", draws);
    }

    @Override
    public void readState(StateReader in) {
        String algorithm = in.string("algorithm");
        if (!algorithm.equals("meads")) {
            throw new IllegalArgumentException("run state of algorithm '" + algorithm + "', expected 'meads'");
        }
        initialized = in.bool("initialized");
        in.part("ensemble", state);
        in.part("momentum", momentum);
        in.part("adaptation", adaptation);
        in.part("draws", draws);
    }
}
