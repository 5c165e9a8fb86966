package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The Gumbel (maximum extreme value) distribution: {@code p(x) = exp(-(z + e^(-z))) / scale},
 * {@code z = (x - loc) / scale}.
 */
public final class Gumbel implements Distribution {
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private Gumbel(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    public static Gumbel of(Tensor loc, Tensor scale) {
        Checks.param("Gumbel", "loc", loc, Constraints.REAL);
        Checks.param("Gumbel", "scale", scale, Constraints.POSITIVE);
        return new Gumbel(loc, scale, Checks.broadcast("Gumbel", new String[]{"loc", "scale"}, loc.shape(), scale.shape()));
    }

    public static Gumbel of(double loc, double scale) {
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
        Checks.valueShape("Gumbel", value, batchShape, eventShape());
        Checks.value("Gumbel", value, Constraints.REAL);
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        return z.add(z.neg().exp()).neg().sub(scale.log());
    }

    @Override
    public Tensor cdf(Tensor value) {
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        return z.neg().exp().neg().exp();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.sub(scale.mul(p.log().neg().log()));
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
        long[] s = Checks.expand("Gumbel", batchShape, shape);
        return new Gumbel(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.add(scale.mul(SpecialFunctions.EULER_GAMMA)).broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(Math.PI * Math.PI / 6).broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(SpecialFunctions.EULER_GAMMA + 1).broadcastTo(batchShape);
    }
}
