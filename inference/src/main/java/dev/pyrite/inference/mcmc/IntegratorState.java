package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * A point of a Hamiltonian trajectory of one chain: position q, momentum p, the gradient dU/dq at q and
 * the potential energy U(q) (NumPyro's {@code IntegratorState}). The arrays are allocated once and
 * overwritten in place, so a leapfrog step allocates nothing.
 */
final class IntegratorState implements Checkpointable {
    final double[] q;
    final double[] p;
    final double[] grad;
    double potential;

    IntegratorState(int dimension) {
        q = new double[dimension];
        p = new double[dimension];
        grad = new double[dimension];
    }

    /** Copies every field of {@code other} into this state. */
    void copyFrom(IntegratorState other) {
        copyPositionFrom(other);
        System.arraycopy(other.p, 0, p, 0, p.length);
    }

    /** Copies q, the gradient and U, not the momentum. */
    void copyPositionFrom(IntegratorState other) {
        System.arraycopy(other.q, 0, q, 0, q.length);
        System.arraycopy(other.grad, 0, grad, 0, grad.length);
        potential = other.potential;
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubles("q", q);
        out.doubles("p", p);
        out.doubles("grad", grad);
        out.doubleValue("potential", potential);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("q", q);
        in.doublesInto("p", p);
        in.doublesInto("grad", grad);
        potential = in.doubleValue("potential");
    }

    /** H = U(q) + K(p) under {@code metric}. */
    double hamiltonian(Metric metric) {
        return potential + metric.kineticEnergy(p);
    }
}
