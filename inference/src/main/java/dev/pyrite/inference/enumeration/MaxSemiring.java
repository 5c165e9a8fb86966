package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The max-times semiring (max-plus in log space): eliminating a variable keeps its best value, so a
 * full contraction gives the log density of the most probable joint assignment, and the backward pass
 * with {@link #choose} (argmax, lowest index on ties) recovers that assignment: the Viterbi algorithm
 * on chains, MAP inference on any plated factor graph.
 */
public final class MaxSemiring implements Semiring {
    /** The one instance. */
    public static final MaxSemiring INSTANCE = new MaxSemiring();

    private MaxSemiring() {
    }

    @Override
    public String name() {
        return "max";
    }

    @Override
    public Tensor plus(Tensor x, int dim) {
        return x.max(false, dim);
    }

    @Override
    public boolean canChoose() {
        return true;
    }

    @Override
    public Tensor choose(Tensor logWeights, int dim) {
        int d = dim < 0 ? dim + logWeights.rank() : dim;
        return Tensor.of(Nd4j.argMax(logWeights.array(), d).castTo(org.nd4j.linalg.api.buffer.DataType.INT64));
    }

    @Override
    public String toString() {
        return name();
    }
}
