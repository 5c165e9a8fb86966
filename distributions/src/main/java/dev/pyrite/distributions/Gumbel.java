package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * The Gumbel (maximum extreme value) distribution: {@code p(x) = exp(-(z + e^(-z))) / scale},
 * {@code z = (x - loc) / scale}.
 */
public final class Gumbel extends LocationScaleDistribution {
    private Gumbel(Tensor loc, Tensor scale, long[] batchShape) {
        super(loc, scale, batchShape);
    }

    public static Gumbel of(Tensor loc, Tensor scale) {
        return new Gumbel(loc, scale, checkedBatchShape("Gumbel", loc, scale));
    }

    public static Gumbel of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        checkValue(value);
        Tensor z = standardize(value);
        return z.add(z.neg().exp()).neg().sub(scale.log());
    }

    @Override
    public Tensor cdf(Tensor value) {
        Tensor z = standardize(value);
        return z.neg().exp().neg().exp();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.sub(scale.mul(p.log().neg().log()));
    }

    @Override
    Gumbel with(Tensor loc, Tensor scale, long[] batchShape) {
        return new Gumbel(loc, scale, batchShape);
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
