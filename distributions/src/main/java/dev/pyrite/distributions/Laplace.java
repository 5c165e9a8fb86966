package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/** The Laplace (double exponential) distribution: {@code p(x) = exp(-|x - loc| / scale) / (2 scale)}. */
public final class Laplace implements Distribution {
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private Laplace(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    public static Laplace of(Tensor loc, Tensor scale) {
        Checks.param("Laplace", "loc", loc, Constraints.REAL);
        Checks.param("Laplace", "scale", scale, Constraints.POSITIVE);
        return new Laplace(loc, scale, Checks.broadcast("Laplace", new String[]{"loc", "scale"}, loc.shape(), scale.shape()));
    }

    public static Laplace of(double loc, double scale) {
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
        Checks.valueShape("Laplace", value, batchShape, eventShape());
        Checks.value("Laplace", value, Constraints.REAL);
        Tensor z = Values.like(value, loc).sub(loc).abs().div(scale);
        return z.neg().sub(scale.log()).sub(Math.log(2));
    }

    /** 1/2 - sign(z) expm1(-|z|) / 2, accurate in both tails. */
    @Override
    public Tensor cdf(Tensor value) {
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        return z.abs().neg().expm1().mul(z.sign()).mul(-0.5).add(0.5);
    }

    @Override
    public Tensor icdf(Tensor p) {
        Tensor c = p.sub(0.5);
        return loc.sub(scale.mul(c.sign()).mul(c.abs().mul(-2.0).log1p()));
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
        long[] s = Checks.expand("Laplace", batchShape, shape);
        return new Laplace(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(2.0).broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(1 + Math.log(2)).broadcastTo(batchShape);
    }
}
