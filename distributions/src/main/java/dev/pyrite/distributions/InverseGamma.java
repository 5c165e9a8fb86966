package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The inverse-gamma distribution, 1/X for X ~ Gamma(concentration, rate): with alpha =
 * concentration and beta = rate, {@code p(x) = beta^alpha x^(-alpha-1) e^(-beta/x) / Gamma(alpha)} for
 * x > 0 (beta is the scale of the inverse gamma). Draws are not reparameterised.
 */
public final class InverseGamma implements Distribution {
    private final Tensor concentration;
    private final Tensor rate;
    private final long[] batchShape;

    private InverseGamma(Tensor concentration, Tensor rate, long[] batchShape) {
        this.concentration = concentration;
        this.rate = rate;
        this.batchShape = batchShape;
    }

    public static InverseGamma of(Tensor concentration, Tensor rate) {
        Checks.param("InverseGamma", "concentration", concentration, Constraints.POSITIVE);
        Checks.param("InverseGamma", "rate", rate, Constraints.POSITIVE);
        return new InverseGamma(concentration, rate, Checks.broadcast("InverseGamma",
                new String[]{"concentration", "rate"}, concentration.shape(), rate.shape()));
    }

    public static InverseGamma of(double concentration, double rate) {
        return of(Tensor.scalar(concentration), Tensor.scalar(rate));
    }

    public Tensor concentration() {
        return concentration;
    }

    public Tensor rate() {
        return rate;
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
        Checks.valueShape("InverseGamma", value, batchShape, eventShape());
        Checks.value("InverseGamma", value, Constraints.POSITIVE);
        Tensor x = Values.like(value, rate);
        return concentration.mul(rate.log()).sub(concentration.add(1.0).mul(x.log()))
                .sub(rate.div(x)).sub(concentration.lgamma());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("InverseGamma", concentration, rate);
        Tensor g = Tensor.of(stream.gamma(concentration.array(), concentration.dtype(), Noise.shape(sampleShape, batchShape)));
        return rate.div(g);
    }

    @Override
    public Constraint support() {
        return Constraints.POSITIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("InverseGamma", batchShape, shape);
        return new InverseGamma(concentration.broadcastTo(s), rate.broadcastTo(s), s);
    }

    /** beta / (alpha - 1) for alpha > 1, else infinite. */
    @Override
    public Tensor mean() {
        Tensor a = concentration.broadcastTo(batchShape);
        Tensor m = rate.div(a.sub(1.0)).broadcastTo(batchShape);
        return Tensor.where(a.gt(1.0), m, Values.full(m, Double.POSITIVE_INFINITY));
    }

    /** beta^2 / ((alpha - 1)^2 (alpha - 2)) for alpha > 2, else infinite. */
    @Override
    public Tensor variance() {
        Tensor a = concentration.broadcastTo(batchShape);
        Tensor v = rate.square().div(a.sub(1.0).square().mul(a.sub(2.0))).broadcastTo(batchShape);
        return Tensor.where(a.gt(2.0), v, Values.full(v, Double.POSITIVE_INFINITY));
    }

    /** alpha + log beta + lgamma(alpha) - (1 + alpha) digamma(alpha). */
    @Override
    public Tensor entropy() {
        Tensor a = concentration;
        return a.add(rate.log()).add(a.lgamma()).sub(a.add(1.0).mul(a.digamma())).broadcastTo(batchShape);
    }
}
