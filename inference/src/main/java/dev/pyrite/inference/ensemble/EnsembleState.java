package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.StartingPoints;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every chain of an ensemble carries between iterations: its position q, U(q) and dU/dq (flat
 * {@code [C * D]} row-major arrays), its own random stream, and the counts of the run so far (iterations
 * done, gradients per chain, divergences).
 */
final class EnsembleState implements Checkpointable {
    /** Uniform(-2, 2) starting points are drawn again up to this many times where U is not finite. */
    final int chains;
    final int dimension;
    final double[] q;
    final double[] u;
    final double[] grad;
    final RandomStream[] streams;
    /** Iterations every chain has completed (warm-up included). */
    int iteration;
    /** Leapfrog steps (gradients) taken by each chain, summed over chains; the starting points' not counted. */
    long gradients;
    long warmupDivergences;
    long divergences;

    EnsembleState(int chains, int dimension, List<RandomStream> streams) {
        if (streams.size() != chains) {
            throw new IllegalArgumentException("ensemble: " + chains + " chains need as many streams, got "
                    + streams.size());
        }
        this.chains = chains;
        this.dimension = dimension;
        this.q = new double[chains * dimension];
        this.u = new double[chains];
        this.grad = new double[chains * dimension];
        this.streams = streams.toArray(new RandomStream[0]);
    }

    /**
     * Sets every chain's starting point: {@code given} ({@code [C, D]}) or uniform(-2, 2) from the chain's
     * own stream, drawn again where U or its gradient is not finite.
     */
    void initialize(BatchedGradient gradient, INDArray given, DataType dtype, String what) {
        if (given != null) {
            if (given.rank() != 2 || given.size(0) != chains || given.size(1) != dimension) {
                throw new IllegalArgumentException("ensemble: initial positions must have shape [" + chains + ", "
                        + dimension + "], got " + Arrays.toString(given.shape()));
            }
            double[] values = given.castTo(dtype).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(values, 0, q, 0, values.length);
            gradient.evaluate(q, u, grad);
            for (int c = 0; c < chains; c++) {
                if (!ScaledLeapfrog.finite(u[c], grad, q, c * dimension, dimension)) {
                    throw new IllegalArgumentException("ensemble: the potential or its gradient is not finite at"
                            + " the given initial position of chain " + c + " (" + what + ")");
                }
            }
            return;
        }
        StartingPoints.search(chains, q, StartingPoints.uniform(streams, dimension), batch -> {
            gradient.evaluate(batch, u, grad);
            boolean[] bad = new boolean[chains];
            for (int c = 0; c < chains; c++) {
                bad[c] = !ScaledLeapfrog.finite(u[c], grad, batch, c * dimension, dimension);
            }
            return bad;
        }, "ensemble", what);
    }

    /** Copies chain {@code c}'s row of {@code source} into the same row of {@code target}. */
    void copyRow(double[] source, double[] target, int c) {
        System.arraycopy(source, c * dimension, target, c * dimension, dimension);
    }

    @Override
    public void writeState(StateWriter out) {
        out.integer("chains", chains);
        out.integer("dimension", dimension);
        out.doubles("q", q);
        out.doubles("u", u);
        out.doubles("grad", grad);
        for (int c = 0; c < chains; c++) {
            out.stream("stream[" + c + "]", streams[c]);
        }
        out.integer("iteration", iteration);
        out.longValue("gradients", gradients);
        out.longValue("warmupDivergences", warmupDivergences);
        out.longValue("divergences", divergences);
    }

    @Override
    public void readState(StateReader in) {
        int c = in.integer("chains");
        int d = in.integer("dimension");
        if (c != chains || d != dimension) {
            throw new IllegalArgumentException("ensemble state of " + c + " chains x " + d
                    + " coordinates, expected " + chains + " x " + dimension);
        }
        in.doublesInto("q", q);
        in.doublesInto("u", u);
        in.doublesInto("grad", grad);
        for (int i = 0; i < chains; i++) {
            streams[i] = in.stream("stream[" + i + "]");
        }
        iteration = in.integer("iteration");
        gradients = in.longValue("gradients");
        warmupDivergences = in.longValue("warmupDivergences");
        divergences = in.longValue("divergences");
    }
}
