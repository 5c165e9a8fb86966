package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The normal distribution with density
 * {@code p(x) = exp(-(x - loc)^2 / (2 scale^2)) / (scale sqrt(2 pi))}.
 *
 * <pre>{@code
 * Normal n = Normal.of(0.0, 1.0);
 * double lp = n.logProb(Tensor.scalar(0.5)).item();   // -1.0439385332046727
 * }</pre>
 */
public final class Normal implements Distribution {
    private static final double HALF_LOG_2PI = SpecialFunctions.HALF_LOG_2PI;
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private Normal(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /** A batch of normals; {@code loc} and {@code scale} broadcast; scale must be > 0. */
    public static Normal of(Tensor loc, Tensor scale) {
        Checks.param("Normal", "loc", loc, Constraints.REAL);
        Checks.param("Normal", "scale", scale, Constraints.POSITIVE);
        return new Normal(loc, scale, Checks.broadcast("Normal", new String[]{"loc", "scale"}, loc.shape(), scale.shape()));
    }

    public static Normal of(double loc, double scale) {
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
        Checks.valueShape("Normal", value, batchShape, eventShape());
        Checks.value("Normal", value, Constraints.REAL);
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        // parameter-only terms first, so that values meet one fewer full-size op
        return z.square().mul(-0.5).sub(scale.log().add(HALF_LOG_2PI));
    }

    /** Phi((x - loc) / scale), computed with erfc so that the lower tail keeps its relative accuracy. */
    @Override
    public Tensor cdf(Tensor value) {
        return SpecialFunctions.normalCdf(Values.like(value, loc).sub(loc).div(scale));
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.add(scale.mul(SpecialFunctions.normalQuantile(p)));
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
        return loc.add(scale.mul(eps));
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Normal", batchShape, shape);
        return new Normal(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        return scale.square().broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 + HALF_LOG_2PI).broadcastTo(batchShape);
    }
}
