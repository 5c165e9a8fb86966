package dev.pyrite.inference.ensemble;

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
final class MeadsSampler extends EnsembleSamplerBase {
    private final PersistentMomentum momentum;
    private final MeadsAdaptation adaptation;
    // per-iteration scratch: the proposals' momenta
    private final double[] p1;

    MeadsSampler(Potential potential, EnsembleSettings settings, List<RandomStream> streams, RandomStream shared) {
        super("meads", potential, settings, streams);
        int c = settings.chains();
        int d = potential.dimension();
        this.momentum = new PersistentMomentum(c, d);
        this.adaptation = new MeadsAdaptation(c, d, settings.warmup(), shared);
        this.p1 = new double[c * d];
    }

    @Override
    void startAdaptation() {
        momentum.draw(state);
        adaptation.prepare(0, state.q, state.grad);
        if (settings.warmup() == 0) {
            adaptation.fixAverages();
        }
    }

    @Override
    double iterate(int t, boolean warm) {
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
            boolean diverged = !(error < MAX_ENERGY_ERROR);
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
            finishChain(k, t, warm, accept, eps, 1, diverged, hamiltonian);
        }
        // the batched call computes every row, the frozen fold's included
        state.gradients += c;
        if (warm) {
            adaptation.afterIteration(t);
        }
        double meanStep = 0;
        for (double e : adaptation.step) {
            meanStep += e / MeadsAdaptation.FOLDS;
        }
        return meanStep;
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
        return samples(steps, inverseMass);
    }

    @Override
    void writeParts(StateWriter out) {
        out.part("adaptation", adaptation);
        out.part("momentum", momentum);
    }

    @Override
    void readParts(StateReader in) {
        in.part("adaptation", adaptation);
        in.part("momentum", momentum);
    }
}
