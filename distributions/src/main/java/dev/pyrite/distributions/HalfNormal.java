package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The half-normal distribution, |X| for X normal with mean 0: density
 * {@code p(x) = sqrt(2 / pi) / scale * exp(-x^2 / (2 scale^2))} for x >= 0.
 */
public final class HalfNormal implements Distribution {
    private static final double HALF_LOG_2_OVER_PI = 0.5 * Math.log(2 / Math.PI);
    private final Tensor scale;

    private HalfNormal(Tensor scale) {
        this.scale = scale;
    }

    public static HalfNormal of(Tensor scale) {
        Checks.param("HalfNormal", "scale", scale, Constraints.POSITIVE);
        return new HalfNormal(scale);
    }

    public static HalfNormal of(double scale) {
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
        Checks.valueShape("HalfNormal", value, batchShape(), eventShape());
        Checks.value("HalfNormal", value, Constraints.NONNEGATIVE);
        Tensor z = Values.like(value, scale).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).add(HALF_LOG_2_OVER_PI);
    }

    /** erf(x / (scale sqrt 2)). */
    @Override
    public Tensor cdf(Tensor value) {
        return Values.like(value, scale).div(scale.mul(SpecialFunctions.SQRT_2)).erf();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return scale.mul(SpecialFunctions.normalQuantile(p.add(1.0).mul(0.5)));
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
        Tensor eps = Noise.normal(stream, scale.dtype(), Noise.shape(sampleShape, batchShape()));
        return scale.mul(eps.abs());
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        return new HalfNormal(scale.broadcastTo(Checks.expand("HalfNormal", batchShape(), shape)));
    }

    @Override
    public Tensor mean() {
        return scale.mul(Math.sqrt(2 / Math.PI));
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(1 - 2 / Math.PI);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 * Math.log(Math.PI / 2) + 0.5);
    }
}
