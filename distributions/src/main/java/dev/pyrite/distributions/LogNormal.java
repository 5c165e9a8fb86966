package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The log-normal distribution: {@code exp} of a normal with parameters {@code loc} and {@code scale},
 * with density {@code p(x) = exp(-(log x - loc)^2 / (2 scale^2)) / (x scale sqrt(2 pi))} for x > 0.
 */
public final class LogNormal implements Distribution {
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private LogNormal(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /** {@code loc} and {@code scale} (> 0) of the underlying normal; they broadcast. */
    public static LogNormal of(Tensor loc, Tensor scale) {
        Checks.param("LogNormal", "loc", loc, Constraints.REAL);
        Checks.param("LogNormal", "scale", scale, Constraints.POSITIVE);
        return new LogNormal(loc, scale, Checks.broadcast("LogNormal", new String[]{"loc", "scale"}, loc.shape(), scale.shape()));
    }

    public static LogNormal of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor scale() {
        return scale;
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
        Checks.valueShape("LogNormal", value, batchShape, eventShape());
        Checks.value("LogNormal", value, Constraints.POSITIVE);
        Tensor logX = Values.like(value, loc).log();
        Tensor z = logX.sub(loc).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).sub(logX).sub(SpecialFunctions.HALF_LOG_2PI);
    }

    @Override
    public Tensor cdf(Tensor value) {
        return SpecialFunctions.normalCdf(Values.like(value, loc).log().sub(loc).div(scale));
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.add(scale.mul(SpecialFunctions.normalQuantile(p))).exp();
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
        Tensor eps = Noise.normal(stream, loc.dtype(), Noise.shape(sampleShape, batchShape));
        return loc.add(scale.mul(eps)).exp();
    }

    @Override
    public Constraint support() {
        return Constraints.POSITIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("LogNormal", batchShape, shape);
        return new LogNormal(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.add(scale.square().mul(0.5)).exp().broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        Tensor s2 = scale.square();
        return s2.expm1().mul(loc.mul(2.0).add(s2).exp()).broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return loc.add(scale.log()).add(0.5 + SpecialFunctions.HALF_LOG_2PI).broadcastTo(batchShape);
    }
}
