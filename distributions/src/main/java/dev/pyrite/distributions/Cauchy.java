package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The Cauchy distribution with density {@code p(x) = 1 / (pi scale (1 + ((x - loc) / scale)^2))}. Its mean
 * and variance do not exist.
 */
public final class Cauchy implements Distribution {
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private Cauchy(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    public static Cauchy of(Tensor loc, Tensor scale) {
        Checks.param("Cauchy", "loc", loc, Constraints.REAL);
        Checks.param("Cauchy", "scale", scale, Constraints.POSITIVE);
        return new Cauchy(loc, scale, Checks.broadcast("Cauchy", new String[]{"loc", "scale"}, loc.shape(), scale.shape()));
    }

    public static Cauchy of(double loc, double scale) {
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
        Checks.valueShape("Cauchy", value, batchShape, eventShape());
        Checks.value("Cauchy", value, Constraints.REAL);
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        return z.square().log1p().neg().sub(scale.log()).sub(SpecialFunctions.LOG_PI);
    }

    /** 1/2 + atan((x - loc) / scale) / pi. */
    @Override
    public Tensor cdf(Tensor value) {
        return Values.like(value, loc).sub(loc).div(scale).atan().div(Math.PI).add(0.5);
    }

    /** loc + scale tan(pi (p - 1/2)). */
    @Override
    public Tensor icdf(Tensor p) {
        Tensor a = p.sub(0.5).mul(Math.PI);
        return loc.add(scale.mul(a.sin().div(a.cos())));
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
        return icdf(Noise.openUniform(stream, loc.dtype(), Noise.shape(sampleShape, batchShape)));
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Cauchy", batchShape, shape);
        return new Cauchy(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("Cauchy: the mean does not exist");
    }

    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("Cauchy: the variance does not exist");
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(4 * Math.PI)).broadcastTo(batchShape);
    }
}
