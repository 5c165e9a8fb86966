package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.CompiledFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The potential and its gradient at given positions, compiled once. */
final class PotentialProgram {
    private final CompiledFunction program;

    PotentialProgram(Potential potential) {
        this.program = CompiledFunction.withGradients(in -> new dev.pyrite.tensor.Tensor[]{potential.energy(in[0])}, 0);
    }

    /** The state at {@code q} (copies: safe to keep). */
    ChainState at(INDArray q) {
        INDArray[] out = program.call(q);
        return new ChainState(q.dup(), out[0].dup(), out[1].dup());
    }
}
