package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/** The exponential distribution: {@code p(x) = rate e^(-rate x)} for x >= 0. */
public final class Exponential implements Distribution {
    private final Tensor rate;

    private Exponential(Tensor rate) {
        this.rate = rate;
    }

    public static Exponential of(Tensor rate) {
        Checks.param("Exponential", "rate", rate, Constraints.POSITIVE);
        return new Exponential(rate);
    }

    public static Exponential of(double rate) {
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
        Checks.valueShape("Exponential", value, batchShape(), eventShape());
        Checks.value("Exponential", value, Constraints.NONNEGATIVE);
        return rate.log().sub(rate.mul(Values.like(value, rate)));
    }

    /** -expm1(-rate x). */
    @Override
    public Tensor cdf(Tensor value) {
        return rate.mul(Values.like(value, rate)).neg().expm1().neg();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return p.neg().log1p().neg().div(rate);
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
        Tensor u = Tensor.of(stream.uniform(rate.dtype(), Noise.shape(sampleShape, batchShape())));
        return u.neg().log1p().neg().div(rate);
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        return new Exponential(rate.broadcastTo(Checks.expand("Exponential", batchShape(), shape)));
    }

    @Override
    public Tensor mean() {
        return rate.reciprocal();
    }

    @Override
    public Tensor variance() {
        return rate.square().reciprocal();
    }

    @Override
    public Tensor entropy() {
        return rate.log().rsub(1.0);
    }
}
