package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * U(q) and dU/dq of every chain in one compiled call ({@link FlatProgram} over {@code [C, D]}): the only
 * batched computation of an ensemble sampler, made once per leapfrog (in blocks of chains on several
 * threads where that pays: {@link CompiledFunction#flatByRows}). Counts its calls.
 */
final class BatchedGradient {
    private final FlatProgram program;
    private final int chains;
    private final int dimension;
    private long calls;

    BatchedGradient(Potential potential, int chains, DataType dtype, Executor executor) {
        this.chains = chains;
        this.dimension = potential.dimension();
        this.program = CompiledFunction.withGradients(in -> new Tensor[]{potential.energy(in[0])}, 0)
                .using(executor).flatByRows(dtype, new long[]{chains, dimension});
    }

    /**
     * Evaluates at {@code q} ({@code [C * D]} row-major) into {@code u} ({@code [C]}) and {@code grad}
     * ({@code [C * D]}).
     */
    void evaluate(double[] q, double[] u, double[] grad) {
        double[][] out = program.run(q);
        System.arraycopy(out[0], 0, u, 0, chains);
        System.arraycopy(out[1], 0, grad, 0, chains * dimension);
        calls++;
    }

    /** The batched calls made so far. */
    long calls() {
        return calls;
    }
}
