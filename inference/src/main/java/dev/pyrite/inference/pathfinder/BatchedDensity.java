package dev.pyrite.inference.pathfinder;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * U(q) (no gradient) of many points at once, through one compiled program per batch size: what the
 * ELBO estimates and the final draws need. Each batch size is traced once.
 */
final class BatchedDensity {
    private final CompiledFunction function;
    private final DataType dtype;
    private final int dimension;
    private final Map<Integer, FlatProgram> programs = new HashMap<>();
    private long evaluations;

    BatchedDensity(Potential potential, DataType dtype, Executor executor) {
        this.function = CompiledFunction.of(in -> new Tensor[]{potential.energy(in[0])}).using(executor);
        this.dtype = dtype;
        this.dimension = potential.dimension();
    }

    /** U at the {@code rows} points of {@code points} ({@code [rows * D]}, row-major); a new array. */
    double[] potentials(double[] points, int rows) {
        FlatProgram program = programs.computeIfAbsent(rows,
                r -> function.flat(dtype, new long[]{r, dimension}));
        evaluations += rows;
        return program.run(points)[0].clone();
    }

    /** Points evaluated so far. */
    long evaluations() {
        return evaluations;
    }
}
