package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.RandomStream;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starting points: uniform(-2, 2) on the unconstrained space (Stan's default), or given positions. A
 * chain whose potential or gradient is not finite draws again, up to 100 times.
 */
final class Initializer {
    static final int MAX_TRIES = 100;
    private final PotentialProgram program;
    private final String what;
    private final int dimension;
    private final DataType dtype;

    Initializer(PotentialProgram program, int dimension, DataType dtype, String what) {
        this.program = program;
        this.what = what;
        this.dimension = dimension;
        this.dtype = dtype;
    }

    ChainState initialize(List<RandomStream> streams, INDArray given) {
        int c = streams.size();
        if (given != null) {
            if (given.rank() != 2 || given.size(0) != c || given.size(1) != dimension) {
                throw new IllegalArgumentException("MCMC: initial positions must have shape [" + c + ", "
                        + dimension + "], got " + java.util.Arrays.toString(given.shape()));
            }
            ChainState s = program.at(given.castTo(dtype));
            boolean[] bad = nonFinite(s);
            for (int i = 0; i < c; i++) {
                if (bad[i]) {
                    throw new IllegalArgumentException("MCMC: the potential or its gradient is not finite at the "
                            + "given initial position of chain " + i + " (" + what + ")");
                }
            }
            return s;
        }
        INDArray q = Nd4j.create(dtype, c, dimension);
        boolean[] redo = new boolean[c];
        java.util.Arrays.fill(redo, true);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            for (int i = 0; i < c; i++) {
                if (redo[i]) {
                    q.putRow(i, streams.get(i).uniform(dtype, dimension).muli(4).subi(2));
                }
            }
            ChainState s = program.at(q);
            redo = nonFinite(s);
            boolean any = false;
            for (boolean b : redo) {
                any |= b;
            }
            if (!any) {
                return s;
            }
        }
        throw new IllegalStateException("MCMC: no finite starting point found in " + MAX_TRIES
                + " tries of uniform(-2, 2) on the unconstrained space of " + what + ": the log density or its"
                + " gradient is not finite there. Give initial values, or check the model's supports.");
    }

    private static boolean[] nonFinite(ChainState s) {
        int c = s.chains();
        boolean[] bad = new boolean[c];
        INDArray g = s.gradient();
        for (int i = 0; i < c; i++) {
            double u = s.energy().getDouble(i);
            double gs = g.getRow(i).sumNumber().doubleValue();
            bad[i] = !Double.isFinite(u) || !Double.isFinite(gs);
        }
        return bad;
    }
}
