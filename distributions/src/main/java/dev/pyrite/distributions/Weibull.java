package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The Weibull distribution with {@code scale} (lambda) and {@code concentration} (k):
 * {@code p(x) = (k / lambda) (x / lambda)^(k-1) exp(-(x / lambda)^k)} for x >= 0. Draws invert the
 * distribution function and so are reparameterised.
 */
public final class Weibull implements Distribution {
    private final Tensor scale;
    private final Tensor concentration;
    private final long[] batchShape;

    private Weibull(Tensor scale, Tensor concentration, long[] batchShape) {
        this.scale = scale;
        this.concentration = concentration;
        this.batchShape = batchShape;
    }

    public static Weibull of(Tensor scale, Tensor concentration) {
        Checks.param("Weibull", "scale", scale, Constraints.POSITIVE);
        Checks.param("Weibull", "concentration", concentration, Constraints.POSITIVE);
        return new Weibull(scale, concentration, Checks.broadcast("Weibull", new String[]{"scale", "concentration"},
                scale.shape(), concentration.shape()));
    }

    public static Weibull of(double scale, double concentration) {
        return of(Tensor.scalar(scale), Tensor.scalar(concentration));
    }

    public Tensor scale() {
        return scale;
    }

    public Tensor concentration() {
        return concentration;
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
        Checks.valueShape("Weibull", value, batchShape, eventShape());
        Checks.value("Weibull", value, Constraints.NONNEGATIVE);
        Tensor logZ = Values.like(value, scale).log().sub(scale.log());
        return concentration.log().sub(scale.log()).add(concentration.sub(1.0).mul(logZ))
                .sub(concentration.mul(logZ).exp());
    }

    /** -expm1(-(x / lambda)^k). */
    @Override
    public Tensor cdf(Tensor value) {
        return Values.like(value, scale).div(scale).pow(concentration).neg().expm1().neg();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return scale.mul(p.neg().log1p().neg().log().div(concentration).exp());
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
        return icdf(Noise.openUniform(stream, scale.dtype(), Noise.shape(sampleShape, batchShape)));
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Weibull", batchShape, shape);
        return new Weibull(scale.broadcastTo(s), concentration.broadcastTo(s), s);
    }

    /** lambda Gamma(1 + 1/k). */
    @Override
    public Tensor mean() {
        return scale.mul(concentration.reciprocal().add(1.0).lgamma().exp()).broadcastTo(batchShape);
    }

    /** lambda^2 (Gamma(1 + 2/k) - Gamma(1 + 1/k)^2). */
    @Override
    public Tensor variance() {
        Tensor inv = concentration.reciprocal();
        Tensor g1 = inv.add(1.0).lgamma().exp();
        Tensor g2 = inv.mul(2.0).add(1.0).lgamma().exp();
        return scale.square().mul(g2.sub(g1.square())).broadcastTo(batchShape);
    }

    /** gamma_E (1 - 1/k) + log(lambda / k) + 1. */
    @Override
    public Tensor entropy() {
        return concentration.reciprocal().rsub(1.0).mul(SpecialFunctions.EULER_GAMMA)
                .add(scale.log()).sub(concentration.log()).add(1.0).broadcastTo(batchShape);
    }
}
