package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.RandomStream;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A Hamiltonian transition of C chains in lock step (NUTS or HMC). */
public interface Kernel {
    /**
     * One transition of every chain.
     *
     * @param stepSize      per-chain step sizes {@code [C]}
     * @param invMass       per-chain inverse mass matrices, {@code [C, D]} (diagonal) or {@code [C, D, D]}
     * @param momentumScale S with S S^T = M, {@code [C, D]} or {@code [C, D, D]}, to draw p ~ N(0, M)
     * @param streams       one random stream per chain
     */
    Transition transition(ChainState state, INDArray stepSize, INDArray invMass, INDArray momentumScale,
                          List<RandomStream> streams);

    /** The result of one transition. */
    record Transition(ChainState state, TransitionStats stats) {
    }
}
