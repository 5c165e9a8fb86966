package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * The logistic distribution: {@code p(x) = e^(-z) / (scale (1 + e^(-z))^2)}, {@code z = (x - loc) / scale};
 * its distribution function is {@code sigmoid(z)}.
 */
public final class Logistic extends LocationScaleDistribution {
    private Logistic(Tensor loc, Tensor scale, long[] batchShape) {
        super(loc, scale, batchShape);
    }

    public static Logistic of(Tensor loc, Tensor scale) {
        return new Logistic(loc, scale, checkedBatchShape("Logistic", loc, scale));
    }

    public static Logistic of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        checkValue(value);
        Tensor z = standardize(value);
        // -z - 2 log(1 + e^-z), written with |z| so that neither tail overflows
        return z.abs().neg().sub(z.abs().neg().exp().log1p().mul(2.0)).sub(scale.log());
    }

    @Override
    public Tensor cdf(Tensor value) {
        return standardize(value).sigmoid();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.add(scale.mul(p.log().sub(p.neg().log1p())));
    }

    @Override
    Logistic with(Tensor loc, Tensor scale, long[] batchShape) {
        return new Logistic(loc, scale, batchShape);
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
