package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChEES-HMC over an ensemble (Hoffman, Radul and Sountsov, AISTATS 2021): in each iteration every chain
 * draws a momentum and takes the same number of leapfrog steps, with one shared step size, trajectory
 * length and diagonal mass ({@link CheesAdaptation}), then accepts or rejects on its own. No chain waits
 * for another: each leapfrog is one batched gradient call of all chains.
 */
final class CheesSampler extends EnsembleSamplerBase {
    private static final Logger LOG = LoggerFactory.getLogger(CheesSampler.class);
    private final CheesAdaptation adaptation;
    // per-iteration scratch: the momenta, acceptance probabilities and divergences
    private final double[] p;
    private final double[] accept;
    private final boolean[] diverged;

    CheesSampler(Potential potential, EnsembleSettings settings, List<RandomStream> streams, double targetAccept,
                 double learningRate, int maxLeapfrogs) {
        super("chees", potential, settings, streams);
        int c = settings.chains();
        int d = potential.dimension();
        this.adaptation = new CheesAdaptation(settings.warmup(), c, d, targetAccept, learningRate, maxLeapfrogs);
        this.p = new double[c * d];
        this.accept = new double[c];
        this.diverged = new boolean[c];
    }

    @Override
    void startAdaptation() {
        adaptation.start(InitialStepSize.search(state, gradient, adaptation.scale));
    }

    @Override
    double iterate(int i, boolean warm) {
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
            finishChain(k, i, warm, accept[k], eps, steps, diverged[k], hamiltonian);
        }
        state.gradients += (long) steps * c;
        if (warm) {
            adaptation.afterIteration(i, state.q);
            if (i == settings.warmup() - 1 && LOG.isDebugEnabled()) {
                double step = adaptation.stepSize();
                double length = adaptation.trajectoryLength();
                LOG.debug("ChEES warm-up done: step size {}, trajectory length {} (whitened units), at most {} "
                        + "leapfrogs per iteration", step, length, (long) Math.ceil(length / step));
            }
        }
        return eps;
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
    public McmcSamples samples() {
        int c = state.chains;
        double[] steps = new double[c];
        Arrays.fill(steps, adaptation.stepSize());
        double[] inverseMass = new double[c * state.dimension];
        for (int k = 0; k < c; k++) {
            System.arraycopy(adaptation.inverseMass, 0, inverseMass, k * state.dimension, state.dimension);
        }
        return samples(steps, inverseMass);
    }

    @Override
    void writeParts(StateWriter out) {
        out.part("adaptation", adaptation);
    }

    @Override
    void readParts(StateReader in) {
        in.part("adaptation", adaptation);
    }
}
