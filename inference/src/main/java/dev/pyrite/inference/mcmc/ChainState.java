package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Positions of C chains on the unconstrained space with their potential energy and its gradient. */
public final class ChainState {
    private final INDArray q;
    private final INDArray energy;
    private final INDArray gradient;

    public ChainState(INDArray q, INDArray energy, INDArray gradient) {
        this.q = q;
        this.energy = energy;
        this.gradient = gradient;
    }

    /** {@code [C, D]}. */
    public INDArray q() {
        return q;
    }

    /** U(q), {@code [C]}. */
    public INDArray energy() {
        return energy;
    }

    /** dU/dq, {@code [C, D]}. */
    public INDArray gradient() {
        return gradient;
    }

    public int chains() {
        return (int) q.size(0);
    }
}
