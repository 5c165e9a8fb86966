package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Starting points: uniform(-2, 2) on the unconstrained space (Stan's default), or given positions. A
 * chain whose potential or gradient is not finite draws again from its own stream, up to
 * {@link StartingPoints#MAX_TRIES} times; the potential is evaluated with the driver's batched program.
 */
final class Initializer {

    private Initializer() {
    }

    /**
     * Sets every chain's position (q, U, dU/dq).
     *
     * @param batch scratch for the program's input, {@code [C * D]}
     * @param given positions {@code [C, D]}, or null to draw them
     */
    static void initialize(List<? extends Chain<?>> chains, FlatProgram program, double[] batch, int dimension,
                           INDArray given, DataType dtype, String what) {
        int c = chains.size();
        if (given != null) {
            if (given.rank() != 2 || given.size(0) != c || given.size(1) != dimension) {
                throw new IllegalArgumentException("MCMC: initial positions must have shape [" + c + ", "
                        + dimension + "], got " + Arrays.toString(given.shape()));
            }
            double[] q = given.castTo(dtype).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(q, 0, batch, 0, q.length);
            boolean[] bad = evaluate(chains, program, batch, dimension);
            for (int i = 0; i < c; i++) {
                if (bad[i]) {
                    throw new IllegalArgumentException("MCMC: the potential or its gradient is not finite at the "
                            + "given initial position of chain " + i + " (" + what + ")");
                }
            }
            return;
        }
        StartingPoints.search(c, batch, (i, q) -> {
            RandomStream stream = chains.get(i).cursor.stream;
            for (int k = 0; k < dimension; k++) {
                q[i * dimension + k] = 4 * stream.uniformDouble() - 2;
            }
        }, q -> evaluate(chains, program, q, dimension), "MCMC", what);
    }

    /** Evaluates the batch, stores each chain's position, and says which chains are not finite there. */
    private static boolean[] evaluate(List<? extends Chain<?>> chains, FlatProgram program, double[] batch,
                                      int dimension) {
        double[][] out = program.run(batch);
        boolean[] bad = new boolean[chains.size()];
        for (int i = 0; i < chains.size(); i++) {
            IntegratorState s = chains.get(i).position;
            System.arraycopy(batch, i * dimension, s.q, 0, dimension);
            Arrays.fill(s.p, 0);
            bad[i] = !Leapfrog.kick(s, 0.0, out[0][i], out[1], i);
        }
        return bad;
    }
}
