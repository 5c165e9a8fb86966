package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The normal distribution with density
 * {@code p(x) = exp(-(x - loc)^2 / (2 scale^2)) / (scale sqrt(2 pi))}.
 *
 * <pre>{@code
 * Normal n = Normal.of(0.0, 1.0);
 * double lp = n.logProb(Tensor.scalar(0.5)).item();   // -1.0439385332046727
 * }</pre>
 */
public final class Normal extends LocationScaleDistribution {
    private static final double HALF_LOG_2PI = SpecialFunctions.HALF_LOG_2PI;

    private Normal(Tensor loc, Tensor scale, long[] batchShape) {
        super(loc, scale, batchShape);
    }

    /** A batch of normals; {@code loc} and {@code scale} broadcast; scale must be > 0. */
    public static Normal of(Tensor loc, Tensor scale) {
        return new Normal(loc, scale, checkedBatchShape("Normal", loc, scale));
    }

    public static Normal of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    @Override
    public Tensor logProb(Tensor value) {
        checkValue(value);
        Tensor z = standardize(value);
        // parameter-only terms first, so that values meet one fewer full-size op
        return z.square().mul(-0.5).sub(scale.log().add(HALF_LOG_2PI));
    }

    /** Phi((x - loc) / scale), computed with erfc so that the lower tail keeps its relative accuracy. */
    @Override
    public Tensor cdf(Tensor value) {
        return SpecialFunctions.normalCdf(standardize(value));
    }

    @Override
    public Tensor icdf(Tensor p) {
        return loc.add(scale.mul(SpecialFunctions.normalQuantile(p)));
    }

    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        Tensor eps = Noise.normal(stream, loc.dtype(), Noise.shape(sampleShape, batchShape));
        return loc.add(scale.mul(eps));
    }

    @Override
    Normal with(Tensor loc, Tensor scale, long[] batchShape) {
        return new Normal(loc, scale, batchShape);
    }

    @Override
    public Tensor variance() {
        return scale.square().broadcastTo(batchShape);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 + HALF_LOG_2PI).broadcastTo(batchShape);
    }
}
