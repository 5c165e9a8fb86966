package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * A batch of probability distributions over tensors, with {@code torch.distributions} shape semantics:
 * a value has shape {@code sampleShape + batchShape + eventShape}; {@link #logProb} sums over the event
 * dimensions only and broadcasts over the rest. Works on concrete and traced tensors alike.
 */
public interface Distribution {
    long[] batchShape();

    long[] eventShape();

    /** The log density (or mass) of {@code value}, of shape {@code broadcast(value batch dims, batchShape)}. */
    Tensor logProb(Tensor value);

    /** Draws of shape {@code sampleShape + batchShape + eventShape} (concrete parameters only). */
    Tensor sample(RandomStream stream, long... sampleShape);

    /** True when {@link #rsample} gives draws differentiable in the parameters. */
    default boolean hasRsample() {
        return false;
    }

    /** Reparameterised draws: differentiable in (possibly traced) parameters. */
    default Tensor rsample(RandomStream stream, long... sampleShape) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no reparameterised sampler");
    }

    /** The set of values. */
    Constraint support();

    /** True for distributions over integers or booleans. */
    default boolean isDiscrete() {
        return support().isDiscrete();
    }

    /** True when the support is finite and can be listed by {@link #enumerateSupport}. */
    default boolean hasEnumerateSupport() {
        return false;
    }

    /**
     * Every value of a finite support along a new leftmost dimension: shape {@code [K] + (1,...,1)} over
     * the batch dimensions, or {@code [K] + batchShape} when {@code expand} (as in Pyro).
     */
    default Tensor enumerateSupport(boolean expand) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no finite support to enumerate");
    }

    /** The same family with parameters broadcast to a larger batch shape. */
    Distribution expand(long... batchShape);

    /** Reinterprets the rightmost {@code n} batch dimensions as event dimensions. */
    default Distribution toEvent(int n) {
        return n == 0 ? this : Independent.of(this, n);
    }

    /**
     * The same distribution with its log density set to 0 where the BOOL tensor {@code mask} (which
     * broadcasts with the batch shape) is false, as Pyro's {@code mask}: for missing data and for
     * excluding sites from a log joint.
     */
    default Distribution mask(Tensor mask) {
        return Masked.of(this, mask);
    }

    /** The distribution function P(X <= value) of a univariate family. */
    default Tensor cdf(Tensor value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no closed-form distribution function");
    }

    /** The quantile function: the value whose {@link #cdf} is {@code p}, for p in [0, 1]. */
    default Tensor icdf(Tensor p) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no closed-form quantile function");
    }

    default Tensor mean() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no closed-form mean");
    }

    default Tensor variance() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no closed-form variance");
    }

    default Tensor entropy() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no closed-form entropy");
    }
}
