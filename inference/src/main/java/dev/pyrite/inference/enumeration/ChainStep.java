package dev.pyrite.inference.enumeration;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The distribution of a {@link VectorizedMarkov} chain's states, one per index of its time plate: the
 * initial distribution at step 0 and the transition from the previous state after that. Under parallel
 * enumeration the previous state is a separate enumerated site, and the log density is a factor over
 * (previous, current, time). Otherwise the previous state is read from the value itself, shifted by one
 * step, so the log density is that of a whole path, and {@link #sample} simulates the chain step by step.
 */
final class ChainStep implements Distribution {
    private final Distribution initial;
    private final Function<Tensor, Distribution> transition;
    private final Distribution fromPrevious;   // transition of the enumerated previous state, or null
    private final int timeDim;
    private final long steps;
    private final long[] batchShape;

    private ChainStep(Distribution initial, Function<Tensor, Distribution> transition, Distribution fromPrevious,
                      int timeDim, long steps, long[] batchShape) {
        this.initial = initial;
        this.transition = transition;
        this.fromPrevious = fromPrevious;
        this.timeDim = timeDim;
        this.steps = steps;
        this.batchShape = batchShape;
    }

    /** The chain with its previous state enumerated ({@code previous}, an enumerated value). */
    static ChainStep enumerated(Distribution initial, Function<Tensor, Distribution> transition, Tensor previous,
                                int timeDim, long steps) {
        Distribution from = transition.apply(previous);
        long[] batch = Shapes.broadcast(initial.batchShape(), from.batchShape(), timeShape(timeDim, steps));
        return new ChainStep(initial, transition, from, timeDim, steps, batch);
    }

    /** The chain as a whole path (simulation, or scoring a given path). */
    static ChainStep path(Distribution initial, Function<Tensor, Distribution> transition, int timeDim, long steps) {
        long[] batch = Shapes.broadcast(initial.batchShape(), timeShape(timeDim, steps));
        return new ChainStep(initial, transition, null, timeDim, steps, batch);
    }

    private static long[] timeShape(int timeDim, long steps) {
        long[] s = new long[-timeDim];
        Arrays.fill(s, 1);
        s[0] = steps;
        return s;
    }

    /** True at step 0 of the time plate: shape [T, 1, ..., 1] with T at the plate's dimension. */
    private Tensor isFirst() {
        double[] first = new double[(int) steps];
        first[0] = 1;
        return Tensor.of(Nd4j.createFromArray(first).reshape(timeShape(timeDim, steps)).castTo(DataType.BOOL));
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
        Distribution step = fromPrevious != null ? fromPrevious : transition.apply(shift(value));
        Tensor start = initial.logProb(value);
        Tensor next = step.logProb(value);
        if (fromPrevious != null) {
            // A factor over (previous, current, time): constant along the other plates, which the
            // contraction counts without materialising them.
            return Tensor.where(isFirst(), start, next);
        }
        long[] shape = Shapes.broadcast(Shapes.broadcast(start.shape(), next.shape()),
                Shapes.broadcast(value.shape(), batchShape));
        return Tensor.where(isFirst(), start, next).broadcastTo(shape);
    }

    /** The previous state of every step of a path: the value one step earlier, the first support value at step 0. */
    private Tensor shift(Tensor path) {
        int axis = path.rank() + timeDim;
        if (axis < 0 || path.size(axis) != steps) {
            throw new IllegalArgumentException("VectorizedMarkov: a path of shape " + Shapes.format(path.shape())
                    + " has no time dimension " + timeDim + " of size " + steps);
        }
        long[] firstShape = path.shape();
        firstShape[axis] = 1;
        Tensor first = initial.enumerateSupport(false).reshape(-1).slice(0, 0, 1).castTo(path.dtype());
        Tensor head = first.reshape(onesOfRank(firstShape.length)).broadcastTo(firstShape);
        return steps == 1 ? head : Tensor.concat(axis, head, path.slice(axis, 0, steps - 1));
    }

    private static long[] onesOfRank(int rank) {
        long[] s = new long[rank];
        Arrays.fill(s, 1);
        return s;
    }

    /** Simulates the chain step by step (a Java loop over time: for simulation, not for inference). */
    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        if (sampleShape.length != 0) {
            throw new IllegalArgumentException("VectorizedMarkov: draws of a chain take no sample shape, got "
                    + Shapes.format(sampleShape));
        }
        if (fromPrevious != null) {
            throw new IllegalStateException("VectorizedMarkov: an enumerated chain is not sampled");
        }
        Tensor path = initial.expand(batchShape).sample(stream);
        int axis = path.rank() + timeDim;
        long[] at = onesOfRank(-timeDim);
        for (long t = 1; t < steps; t++) {
            Tensor next = transition.apply(shift(path)).expand(batchShape).sample(stream).castTo(path.dtype());
            double[] hot = new double[(int) steps];
            hot[(int) t] = 1;
            at[0] = steps;
            Tensor here = Tensor.of(Nd4j.createFromArray(hot).reshape(at).castTo(DataType.BOOL));
            path = Tensor.where(here, next, path);
        }
        return path.size(axis) == steps ? path : path.broadcastTo(batchShape);
    }

    @Override
    public Constraint support() {
        return initial.support();
    }

    @Override
    public boolean hasEnumerateSupport() {
        return initial.hasEnumerateSupport();
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        Tensor values = initial.enumerateSupport(false).reshape(-1);
        long[] shape = onesOfRank(batchShape.length + 1);
        shape[0] = values.size(0);
        Tensor v = values.reshape(shape);
        return expand ? v.broadcastTo(Shapes.concat(new long[]{values.size(0)}, batchShape)) : v;
    }

    @Override
    public Distribution expand(long... shape) {
        return new ChainStep(initial, transition, fromPrevious, timeDim, steps, shape.clone());
    }
}
