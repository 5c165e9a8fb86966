package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A distribution whose log density is replaced by 0 where a boolean mask is false (Pyro's
 * {@code MaskedDistribution}); sampling, moments and support are the base distribution's. The mask
 * broadcasts with the base batch shape, and the batch shape is their broadcast.
 *
 * <pre>{@code
 * Distribution d = Normal.of(Tensor.zeros(3), Tensor.ones(3)).mask(observed);  // observed: BOOL [3]
 * }</pre>
 */
public final class Masked implements Distribution {
    private final Distribution base;
    private final Tensor mask;
    private final long[] batchShape;

    private Masked(Distribution base, Tensor mask, long[] batchShape) {
        this.base = base;
        this.mask = mask;
        this.batchShape = batchShape;
    }

    /** Masks {@code base}; a non-boolean mask is true where it is non-zero. */
    public static Masked of(Distribution base, Tensor mask) {
        Tensor m = mask.dtype() == DataType.BOOL ? mask : mask.ne(mask.zerosLike().castTo(mask.dtype()));
        long[] batch = Checks.broadcast("Masked", new String[]{"base batch", "mask"}, base.batchShape(), m.shape());
        Distribution b = java.util.Arrays.equals(batch, base.batchShape()) ? base : base.expand(batch);
        return new Masked(b, m, batch);
    }

    /** Keeps ({@code true}) or zeroes ({@code false}) the whole log density. */
    public static Masked of(Distribution base, boolean keep) {
        return of(base, Tensor.scalar(keep ? 1.0 : 0.0).gt(0.5));
    }

    public Distribution base() {
        return base;
    }

    public Tensor maskTensor() {
        return mask;
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return base.eventShape();
    }

    @Override
    public Tensor logProb(Tensor value) {
        Tensor lp = base.logProb(value);
        return Tensor.where(mask, lp, lp.zerosLike());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return base.sample(stream, sampleShape);
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        return base.rsample(stream, sampleShape);
    }

    @Override
    public Constraint support() {
        return base.support();
    }

    @Override
    public boolean hasEnumerateSupport() {
        return base.hasEnumerateSupport();
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        return base.enumerateSupport(expand);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Masked", batchShape, shape);
        return new Masked(base.expand(s), mask, Shapes.broadcast(s, mask.shape()));
    }

    @Override
    public Distribution mask(Tensor m) {
        Tensor mm = m.dtype() == DataType.BOOL ? m : m.ne(m.zerosLike().castTo(m.dtype()));
        return of(base, mask.and(mm));
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public Tensor entropy() {
        return base.entropy();
    }

    @Override
    public Tensor cdf(Tensor value) {
        return base.cdf(value);
    }

    @Override
    public Tensor icdf(Tensor p) {
        return base.icdf(p);
    }
}
