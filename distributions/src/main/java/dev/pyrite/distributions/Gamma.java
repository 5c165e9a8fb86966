package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The gamma distribution with shape {@code concentration} (alpha) and {@code rate} (beta):
 * {@code p(x) = beta^alpha x^(alpha-1) e^(-beta x) / Gamma(alpha)} for x > 0. Draws are not
 * reparameterised.
 */
public final class Gamma implements Distribution {
    private final Tensor concentration;
    private final Tensor rate;
    private final long[] batchShape;

    private Gamma(Tensor concentration, Tensor rate, long[] batchShape) {
        this.concentration = concentration;
        this.rate = rate;
        this.batchShape = batchShape;
    }

    public static Gamma of(Tensor concentration, Tensor rate) {
        Checks.param("Gamma", "concentration", concentration, Constraints.POSITIVE);
        Checks.param("Gamma", "rate", rate, Constraints.POSITIVE);
        return new Gamma(concentration, rate, Checks.broadcast("Gamma", new String[]{"concentration", "rate"},
                concentration.shape(), rate.shape()));
    }

    public static Gamma of(double concentration, double rate) {
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
        Checks.valueShape("Gamma", value, batchShape, eventShape());
        Checks.value("Gamma", value, Constraints.POSITIVE);
        Tensor x = Values.like(value, rate);
        Tensor norm = concentration.mul(rate.log()).sub(concentration.lgamma());
        return concentration.sub(1.0).mul(x.log()).sub(rate.mul(x)).add(norm);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Gamma", concentration, rate);
        Tensor g = Tensor.of(stream.gamma(concentration.array(), concentration.dtype(), Noise.shape(sampleShape, batchShape)));
        return g.div(rate);
    }

    @Override
    public Constraint support() {
        return Constraints.POSITIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Gamma", batchShape, shape);
        return new Gamma(concentration.broadcastTo(s), rate.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return concentration.div(rate).broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        return concentration.div(rate.square()).broadcastTo(batchShape);
    }

    /** alpha - log beta + lgamma(alpha) + (1 - alpha) digamma(alpha). */
    @Override
    public Tensor entropy() {
        Tensor a = concentration;
        return a.sub(rate.log()).add(a.lgamma()).add(a.rsub(1.0).mul(a.digamma())).broadcastTo(batchShape);
    }
}
