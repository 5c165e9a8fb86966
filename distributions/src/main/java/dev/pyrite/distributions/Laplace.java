package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/** The Laplace (double exponential) distribution: {@code p(x) = exp(-|x - loc| / scale) / (2 scale)}. */
public final class Laplace extends LocationScaleDistribution {
    private Laplace(Tensor loc, Tensor scale, long[] batchShape) {
        super(loc, scale, batchShape);
    }

    public static Laplace of(Tensor loc, Tensor scale) {
        return new Laplace(loc, scale, checkedBatchShape("Laplace", loc, scale));
    }

    public static Laplace of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        checkValue(value);
        Tensor z = standardize(value).abs();
        return z.neg().sub(scale.log()).sub(Math.log(2));
    }

    /** 1/2 - sign(z) expm1(-|z|) / 2, accurate in both tails. */
    @Override
    public Tensor cdf(Tensor value) {
        Tensor z = standardize(value);
        return z.abs().neg().expm1().mul(z.sign()).mul(-0.5).add(0.5);
    }

    @Override
    public Tensor icdf(Tensor p) {
        Tensor c = p.sub(0.5);
        return loc.sub(scale.mul(c.sign()).mul(c.abs().mul(-2.0).log1p()));
    }

    @Override
    Laplace with(Tensor loc, Tensor scale, long[] batchShape) {
        return new Laplace(loc, scale, batchShape);
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
