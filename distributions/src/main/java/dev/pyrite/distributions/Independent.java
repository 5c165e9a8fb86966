package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/** Reinterprets the rightmost batch dimensions of a distribution as event dimensions. */
public final class Independent implements Distribution {
    private final Distribution base;
    private final int n;

    private Independent(Distribution base, int n) {
        this.base = base;
        this.n = n;
    }

    public static Independent of(Distribution base, int n) {
        if (n < 0 || n > base.batchShape().length) {
            throw new IllegalArgumentException("Independent: cannot move " + n + " of the batch dimensions "
                    + Shapes.format(base.batchShape()) + " into the event");
        }
        return new Independent(base, n);
    }

    public Distribution base() {
        return base;
    }

    @Override
    public long[] batchShape() {
        long[] b = base.batchShape();
        return Arrays.copyOf(b, b.length - n);
    }

    @Override
    public long[] eventShape() {
        long[] b = base.batchShape();
        return Shapes.concat(Arrays.copyOfRange(b, b.length - n, b.length), base.eventShape());
    }

    @Override
    public Tensor logProb(Tensor value) {
        Tensor lp = base.logProb(value);
        for (int i = 0; i < n; i++) {
            lp = lp.sum(false, -1);
        }
        return lp;
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
        return false;
    }

    @Override
    public Distribution expand(long... batchShape) {
        long[] b = base.batchShape();
        return new Independent(base.expand(Shapes.concat(batchShape, Arrays.copyOfRange(b, b.length - n, b.length))), n);
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
        Tensor e = base.entropy();
        for (int i = 0; i < n; i++) {
            e = e.sum(false, -1);
        }
        return e;
    }
}
