package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/** The Poisson distribution: {@code P(k) = rate^k e^(-rate) / k!}. Values are floats. */
public final class Poisson implements Distribution {
    private final Tensor rate;

    private Poisson(Tensor rate) {
        this.rate = rate;
    }

    public static Poisson of(Tensor rate) {
        Checks.param("Poisson", "rate", rate, Constraints.POSITIVE);
        return new Poisson(rate);
    }

    public static Poisson of(double rate) {
        return of(Tensor.scalar(rate));
    }

    public Tensor rate() {
        return rate;
    }

    @Override
    public long[] batchShape() {
        return rate.shape();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Poisson", value, batchShape(), eventShape());
        Checks.value("Poisson", value, Constraints.NONNEGATIVE_INTEGER);
        Tensor k = Values.like(value, rate);
        return k.mul(rate.log()).sub(rate).sub(k.add(1.0).lgamma());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Poisson", rate);
        return Tensor.of(stream.poisson(rate.array(), rate.dtype(), Noise.shape(sampleShape, batchShape())));
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE_INTEGER;
    }

    @Override
    public Distribution expand(long... shape) {
        return new Poisson(rate.broadcastTo(Checks.expand("Poisson", batchShape(), shape)));
    }

    @Override
    public Tensor mean() {
        return rate;
    }

    @Override
    public Tensor variance() {
        return rate;
    }
}
