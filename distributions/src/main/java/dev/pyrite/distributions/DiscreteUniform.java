package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/** The uniform distribution on the integers low..high inclusive: {@code P(k) = 1 / (high - low + 1)}. */
public final class DiscreteUniform implements Distribution {
    private final Tensor low;
    private final Tensor high;
    private final long[] batchShape;

    private DiscreteUniform(Tensor low, Tensor high, long[] batchShape) {
        this.low = low;
        this.high = high;
        this.batchShape = batchShape;
    }

    /** Integer bounds (as floats or integers), {@code low <= high}; they broadcast. */
    public static DiscreteUniform of(Tensor low, Tensor high) {
        Tensor lo = low.isFloatingPoint() ? low : low.castTo(dev.pyrite.tensor.Backend.floatType());
        Tensor hi = Values.like(high, lo);
        Checks.param("DiscreteUniform", "low", lo, Constraints.INTEGER);
        Checks.param("DiscreteUniform", "high", hi, Constraints.INTEGER);
        Checks.ordered("DiscreteUniform", "low", lo, "high", hi, false);
        return new DiscreteUniform(lo, hi, Checks.broadcast("DiscreteUniform", new String[]{"low", "high"},
                lo.shape(), hi.shape()));
    }

    public static DiscreteUniform of(long low, long high) {
        return of(Tensor.scalar(low), Tensor.scalar(high));
    }

    public Tensor low() {
        return low;
    }

    public Tensor high() {
        return high;
    }

    private Tensor count() {
        return high.sub(low).add(1.0);
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
        Checks.valueShape("DiscreteUniform", value, batchShape, eventShape());
        Checks.value("DiscreteUniform", value, support());
        Tensor v = Values.like(value, low);
        Tensor lp = count().log().neg();
        Tensor inside = v.ge(low).and(v.le(high));
        return Tensor.where(inside, lp, Values.full(lp, Double.NEGATIVE_INFINITY));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("DiscreteUniform", low, high);
        Tensor u = Tensor.of(stream.uniform(low.dtype(), Noise.shape(sampleShape, batchShape)));
        // u < 1, so floor(u * count) <= count - 1
        return low.add(u.mul(count()).floor());
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(low, high);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        return Enumeration.range("DiscreteUniform", low, high, batchShape, expand);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("DiscreteUniform", batchShape, shape);
        return new DiscreteUniform(low.broadcastTo(s), high.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return low.add(high).mul(0.5).broadcastTo(batchShape);
    }

    /** ((high - low + 1)^2 - 1) / 12. */
    @Override
    public Tensor variance() {
        return count().square().sub(1.0).div(12.0).broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return count().log().broadcastTo(batchShape);
    }
}
