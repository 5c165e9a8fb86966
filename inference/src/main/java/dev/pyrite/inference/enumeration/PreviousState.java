package dev.pyrite.inference.enumeration;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The site that holds the previous state of a {@link VectorizedMarkov} chain: it enumerates the chain's
 * support and contributes nothing to the log joint (density 1), because its value is tied to the
 * chain's own state one step earlier by the contraction ({@link ChainLink}), not drawn.
 */
final class PreviousState implements Distribution {
    private final Tensor support;   // [K]
    private final Constraint constraint;
    private final long[] batchShape;

    private PreviousState(Tensor support, Constraint constraint, long[] batchShape) {
        this.support = support;
        this.constraint = constraint;
        this.batchShape = batchShape;
    }

    /** The previous state of a chain with scalar states distributed like {@code initial}. */
    static PreviousState of(Distribution initial) {
        if (initial.eventShape().length != 0) {
            throw new IllegalArgumentException("VectorizedMarkov: states must be scalars, but the initial distribution "
                    + initial.getClass().getSimpleName() + " has event shape " + Shapes.format(initial.eventShape()));
        }
        Tensor values = initial.enumerateSupport(false);
        return new PreviousState(values.reshape(values.size(0)), initial.support(), new long[0]);
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        long[] shape = Shapes.broadcast(value.shape(), batchShape);
        return Tensor.zeros(shape);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        throw new UnsupportedOperationException("the previous state of a vectorised Markov chain is enumerated, never"
                + " sampled");
    }

    @Override
    public Constraint support() {
        return constraint;
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        long[] shape = new long[batchShape.length + 1];
        Arrays.fill(shape, 1);
        shape[0] = support.size(0);
        Tensor v = support.reshape(shape);
        return expand ? v.broadcastTo(Shapes.concat(new long[]{support.size(0)}, batchShape)) : v;
    }

    @Override
    public Distribution expand(long... shape) {
        return new PreviousState(support, constraint, shape.clone());
    }
}
