package dev.pyrite.inference.pathfinder;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * U(q) (no gradient) of many points at once: what the ELBO estimates and the final draws need. The points
 * go through one compiled program of a fixed number of rows, in chunks (the last one padded with copies of
 * its first row), so that one trace serves the whole run: tracing a program over every final draw at once
 * costs more than running the chunks.
 */
final class BatchedDensity {
    private final CompiledFunction function;
    private final DataType dtype;
    private final int dimension;
    private final int chunk;
    private final FlatProgram program;
    private final double[] batch;
    private long evaluations;

    /** @param chunk the rows of each batched call */
    BatchedDensity(Potential potential, DataType dtype, Executor executor, int chunk) {
        this.function = CompiledFunction.of(in -> new Tensor[]{potential.energy(in[0])}).using(executor);
        this.dtype = dtype;
        this.dimension = potential.dimension();
        this.chunk = chunk;
        this.program = function.flat(dtype, new long[]{chunk, dimension});
        this.batch = new double[chunk * dimension];
    }

    /** U at the {@code rows} points of {@code points} ({@code [rows * D]}, row-major); a new array. */
    double[] potentials(double[] points, int rows) {
        double[] out = new double[rows];
        for (int first = 0; first < rows; first += chunk) {
            int n = Math.min(chunk, rows - first);
            System.arraycopy(points, first * dimension, batch, 0, n * dimension);
            for (int r = n; r < chunk; r++) {
                System.arraycopy(points, first * dimension, batch, r * dimension, dimension);
            }
            System.arraycopy(program.run(batch)[0], 0, out, first, n);
        }
        evaluations += rows;
        return out;
    }

    /** Points evaluated so far. */
    long evaluations() {
        return evaluations;
    }
}
