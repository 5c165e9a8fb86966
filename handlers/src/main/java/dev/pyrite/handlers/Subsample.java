package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Uniform random subsets of {@code 0..size-1} without replacement, as an INT64 vector. A plate draws its
 * subsample through a SAMPLE site with this distribution, so that replay, condition and trace see the
 * indices like any other value (a guide's subsample is replayed in the model). Its log density is 0.
 * Inference code that compiles a model (SVI) recognises the site by this type ({@link Message#isSubsample})
 * and feeds fresh indices of the same size into the compiled program at every step.
 */
public final class Subsample implements Distribution {
    private final long size;
    private final long subsampleSize;

    Subsample(long size, long subsampleSize) {
        this.size = size;
        this.subsampleSize = subsampleSize;
    }

    /** The plate's full size N: indices are drawn from {@code 0..N-1}. */
    public long size() {
        return size;
    }

    /** The number B of indices drawn. */
    public long subsampleSize() {
        return subsampleSize;
    }

    /** True when the "subsample" is the whole plate, which needs no random numbers. */
    public boolean isFull() {
        return subsampleSize == size;
    }

    @Override
    public long[] batchShape() {
        return new long[0];
    }

    @Override
    public long[] eventShape() {
        return new long[]{subsampleSize};
    }

    @Override
    public Tensor logProb(Tensor value) {
        return Tensor.scalar(0.0).castTo(Backend.floatType());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        if (sampleShape.length > 0) {
            throw new UnsupportedOperationException("plate subsamples have no sample shape");
        }
        if (isFull()) {
            return Tensor.arange(size);
        }
        // Partial Fisher-Yates: the first subsampleSize entries of a uniform random permutation.
        long[] perm = new long[Math.toIntExact(size)];
        Arrays.setAll(perm, i -> i);
        for (int i = 0; i < subsampleSize; i++) {
            int j = i + (int) (stream.uniformDouble() * (size - i));
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Tensor.of(Nd4j.createFromArray(Arrays.copyOf(perm, (int) subsampleSize)).castTo(DataType.INT64));
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(0, size - 1);
    }

    @Override
    public Distribution expand(long... batchShape) {
        if (batchShape.length == 0) {
            return this;
        }
        throw new UnsupportedOperationException("a plate's subsample site is not broadcast by other plates");
    }

    @Override
    public String toString() {
        return "Subsample(" + size + ", " + subsampleSize + ")";
    }
}
