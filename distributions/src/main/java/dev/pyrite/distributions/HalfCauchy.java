package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The half-Cauchy distribution, |X| for X Cauchy with location 0: density
 * {@code p(x) = 2 / (pi scale (1 + (x / scale)^2))} for x >= 0. Its mean is infinite.
 */
public final class HalfCauchy implements Distribution {
    private final Tensor scale;

    private HalfCauchy(Tensor scale) {
        this.scale = scale;
    }

    public static HalfCauchy of(Tensor scale) {
        Checks.param("HalfCauchy", "scale", scale, Constraints.POSITIVE);
        return new HalfCauchy(scale);
    }

    public static HalfCauchy of(double scale) {
        return of(Tensor.scalar(scale));
    }

    public Tensor scale() {
        return scale;
    }

    @Override
    public long[] batchShape() {
        return scale.shape();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("HalfCauchy", value, batchShape(), eventShape());
        Checks.value("HalfCauchy", value, Constraints.NONNEGATIVE);
        Tensor z = Values.like(value, scale).div(scale);
        return z.square().log1p().neg().sub(scale.log()).add(Math.log(2 / Math.PI));
    }

    /** (2 / pi) atan(x / scale). */
    @Override
    public Tensor cdf(Tensor value) {
        return Values.like(value, scale).div(scale).atan().mul(2 / Math.PI);
    }

    /** scale tan(pi p / 2). */
    @Override
    public Tensor icdf(Tensor p) {
        Tensor a = p.mul(Math.PI / 2);
        return scale.mul(a.sin().div(a.cos()));
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
        return icdf(Noise.openUniform(stream, scale.dtype(), Noise.shape(sampleShape, batchShape())));
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        return new HalfCauchy(scale.broadcastTo(Checks.expand("HalfCauchy", batchShape(), shape)));
    }

    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("HalfCauchy: the mean is infinite");
    }

    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("HalfCauchy: the variance does not exist");
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(2 * Math.PI));
    }
}
