package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The shared part of the real-valued location-scale families ({@link Normal}, {@link Cauchy},
 * {@link Laplace}, {@link Logistic}, {@link Gumbel}): a batch of distributions of {@code loc + scale Z}
 * for a fixed standard variate {@code Z}, with broadcast {@code loc} (real) and {@code scale} (> 0).
 *
 * <p>Those families differ only in the standard variate (its density, distribution and quantile
 * functions and moments); the parameter checks, shapes, reparameterised sampling by the quantile
 * function of open-uniform noise, support, {@code expand} and the mean {@code loc} were written out
 * once per family, so they live here. Each family keeps its own static factories, density, distribution
 * and quantile functions, moments and entropy, and overrides what differs (e.g. {@link Normal} samples
 * with normal noise; {@link Cauchy} has no mean). The class and its helpers are package-private, so that
 * the public (and protected) API of the families is what it was: the concrete final classes.
 */
abstract class LocationScaleDistribution implements Distribution {
    final Tensor loc;
    final Tensor scale;
    final long[] batchShape;

    LocationScaleDistribution(Tensor loc, Tensor scale, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /**
     * Checks that {@code loc} is real and {@code scale} positive, and gives their broadcast batch shape;
     * errors name {@code family}.
     */
    static long[] checkedBatchShape(String family, Tensor loc, Tensor scale) {
        Checks.param(family, "loc", loc, Constraints.REAL);
        Checks.param(family, "scale", scale, Constraints.POSITIVE);
        return Checks.broadcast(family, new String[]{"loc", "scale"}, loc.shape(), scale.shape());
    }

    /** The same family with these (already broadcast) parameters; for {@link #expand}. */
    abstract LocationScaleDistribution with(Tensor loc, Tensor scale, long[] batchShape);

    /** The family's name in error messages. */
    private String family() {
        return getClass().getSimpleName();
    }

    /** Checks that {@code value} has a shape compatible with the batch and lies in the support. */
    final void checkValue(Tensor value) {
        Checks.valueShape(family(), value, batchShape, eventShape());
        Checks.value(family(), value, support());
    }

    /** The standardised value {@code z = (value - loc) / scale}. */
    final Tensor standardize(Tensor value) {
        return Values.like(value, loc).sub(loc).div(scale);
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor scale() {
        return scale;
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
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return rsample(stream, sampleShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** {@code icdf(U)} for open-uniform noise {@code U}, differentiable in the parameters. */
    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        return icdf(Noise.openUniform(stream, loc.dtype(), Noise.shape(sampleShape, batchShape)));
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand(family(), batchShape, shape);
        return with(loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batchShape);
    }
}
