package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/** The continuous uniform distribution on [low, high]: {@code p(x) = 1 / (high - low)}. */
public final class Uniform implements Distribution {
    private final Tensor low;
    private final Tensor high;
    private final long[] batchShape;

    private Uniform(Tensor low, Tensor high, long[] batchShape) {
        this.low = low;
        this.high = high;
        this.batchShape = batchShape;
    }

    /** Bounds broadcast; {@code high} must be greater than {@code low}. */
    public static Uniform of(Tensor low, Tensor high) {
        Checks.param("Uniform", "low", low, Constraints.REAL);
        Checks.param("Uniform", "high", high, Constraints.REAL);
        long[] batch = Checks.broadcast("Uniform", new String[]{"low", "high"}, low.shape(), high.shape());
        Checks.ordered("Uniform", "low", low, "high", high);
        return new Uniform(low, high, batch);
    }

    public static Uniform of(double low, double high) {
        return of(Tensor.scalar(low), Tensor.scalar(high));
    }

    public Tensor low() {
        return low;
    }

    public Tensor high() {
        return high;
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    /** -log(high - low) on [low, high], -inf outside (reached only with validation off). */
    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Uniform", value, batchShape, eventShape());
        Checks.value("Uniform", value, support());
        Tensor v = Values.like(value, low);
        Tensor lp = high.sub(low).log().neg();
        Tensor inside = v.ge(low).and(v.le(high));
        return Tensor.where(inside, lp, Values.full(lp, Double.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor cdf(Tensor value) {
        return Values.like(value, low).sub(low).div(high.sub(low)).clamp(0.0, 1.0);
    }

    @Override
    public Tensor icdf(Tensor p) {
        return low.add(p.mul(high.sub(low)));
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
        Tensor u = Tensor.of(stream.uniform(low.dtype(), Noise.shape(sampleShape, batchShape)));
        return low.add(u.mul(high.sub(low)));
    }

    @Override
    public Constraint support() {
        return Constraints.interval(low, high);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Uniform", batchShape, shape);
        return new Uniform(low.broadcastTo(s), high.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return low.add(high).mul(0.5).broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        return high.sub(low).square().div(12.0).broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return high.sub(low).log().broadcastTo(batchShape);
    }
}
