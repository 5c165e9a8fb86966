package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * A point mass at {@code v}: log density {@code logDensity} at v and -inf elsewhere. The rightmost
 * {@code eventDim} dimensions of v form the event. Draws are v itself, so they are differentiable in v
 * (used for MAP guides and deterministic sites).
 */
public final class Delta implements Distribution {
    private final Tensor v;
    private final Tensor logDensity;
    private final int eventDim;
    private final long[] batchShape;
    private final long[] eventShape;

    private Delta(Tensor v, Tensor logDensity, int eventDim, long[] batchShape) {
        this.v = v;
        this.logDensity = logDensity;
        this.eventDim = eventDim;
        long[] s = v.shape();
        this.eventShape = Arrays.copyOfRange(s, s.length - eventDim, s.length);
        this.batchShape = batchShape;
    }

    /** A point mass at {@code v} with {@code eventDim} event dimensions and the given log density there. */
    public static Delta of(Tensor v, Tensor logDensity, int eventDim) {
        Checks.require(eventDim >= 0 && eventDim <= v.rank(), "Delta",
                "eventDim must be in [0, " + v.rank() + "] for v of shape " + Shapes.format(v.shape()) + ", got " + eventDim);
        Checks.param("Delta", "v", v, Constraints.REAL);
        Checks.param("Delta", "logDensity", logDensity, Constraints.REAL);
        long[] s = v.shape();
        long[] batch = Checks.broadcast("Delta", new String[]{"v batch", "logDensity"},
                Arrays.copyOf(s, s.length - eventDim), logDensity.shape());
        return new Delta(v, logDensity, eventDim, batch);
    }

    /** A point mass at {@code v} with all dimensions in the batch and log density 0. */
    public static Delta of(Tensor v) {
        return of(v, v.zerosLike().sum(), 0);
    }

    /** The log density at the point (broadcasts with the batch shape). */
    public Tensor logDensity() {
        return logDensity;
    }

    public Tensor v() {
        return v;
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Delta", value, batchShape, eventShape);
        Tensor x = Values.like(value, v);
        Tensor hit = x.eq(v).castTo(v.dtype());
        for (int i = 0; i < eventDim; i++) {
            hit = hit.min(false, -1);
        }
        // log(1) = 0 where the value equals v, log(0) = -inf elsewhere
        return hit.log().add(logDensity);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return rsample(stream, sampleShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        return v.broadcastTo(Noise.shape(sampleShape, batchShape, eventShape));
    }

    @Override
    public Constraint support() {
        return eventDim == 0 ? Constraints.REAL : Constraints.REAL_VECTOR;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Delta", batchShape, shape);
        return new Delta(v.broadcastTo(Shapes.concat(s, eventShape)), logDensity.broadcastTo(s), eventDim, s);
    }

    @Override
    public Tensor mean() {
        return v.broadcastTo(Shapes.concat(batchShape, eventShape));
    }

    @Override
    public Tensor variance() {
        return v.zerosLike().broadcastTo(Shapes.concat(batchShape, eventShape));
    }
}
