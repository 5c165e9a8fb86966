package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * The Cauchy distribution with density {@code p(x) = 1 / (pi scale (1 + ((x - loc) / scale)^2))}. Its mean
 * and variance do not exist.
 */
public final class Cauchy extends LocationScaleDistribution {
    private Cauchy(Tensor loc, Tensor scale, long[] batchShape) {
        super(loc, scale, batchShape);
    }

    public static Cauchy of(Tensor loc, Tensor scale) {
        return new Cauchy(loc, scale, checkedBatchShape("Cauchy", loc, scale));
    }

    public static Cauchy of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        checkValue(value);
        Tensor z = standardize(value);
        return z.square().log1p().neg().sub(scale.log()).sub(SpecialFunctions.LOG_PI);
    }

    /** 1/2 + atan((x - loc) / scale) / pi. */
    @Override
    public Tensor cdf(Tensor value) {
        return standardize(value).atan().div(Math.PI).add(0.5);
    }

    /** loc + scale tan(pi (p - 1/2)). */
    @Override
    public Tensor icdf(Tensor p) {
        Tensor a = p.sub(0.5).mul(Math.PI);
        return loc.add(scale.mul(a.sin().div(a.cos())));
    }

    @Override
    Cauchy with(Tensor loc, Tensor scale, long[] batchShape) {
        return new Cauchy(loc, scale, batchShape);
    }

    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("Cauchy: the mean does not exist");
    }

    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("Cauchy: the variance does not exist");
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(4 * Math.PI)).broadcastTo(batchShape);
    }
}
