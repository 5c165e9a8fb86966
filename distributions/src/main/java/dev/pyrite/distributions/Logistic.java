package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The logistic distribution: {@code p(x) = e^(-z) / (scale (1 + e^(-z))^2)}, {@code z = (x - loc) / scale};
 * its distribution function is {@code sigmoid(z)}.
 */
public final class Logistic implements Distribution {
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private Logistic(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    public static Logistic of(Tensor loc, Tensor scale) {
        Checks.param("Logistic", "loc", loc, Constraints.REAL);
        Checks.param("Logistic", "scale", scale, Constraints.POSITIVE);
        return new Logistic(loc, scale, Checks.broadcast("Logistic", new String[]{"loc", "scale"}, loc.shape(), scale.shape()));
    }

    public static Logistic of(double loc, double scale) {
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
        Checks.valueShape("Logistic", value, batchShape, eventShape());
        Checks.value("Logistic", value, Constraints.REAL);
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        // -z - 2 log(1 + e^-z), written with |z| so that neither tail overflows
        return z.abs().neg().sub(z.abs().neg().exp().log1p().mul(2.0)).sub(scale.log());
    }

    @Override
    public Tensor cdf(Tensor value) {
        return Values.like(value, loc).sub(loc).div(scale).sigmoid();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.add(scale.mul(p.log().sub(p.neg().log1p())));
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
        long[] s = Checks.expand("Logistic", batchShape, shape);
        return new Logistic(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(Math.PI * Math.PI / 3).broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(2.0).broadcastTo(batchShape);
    }
}
