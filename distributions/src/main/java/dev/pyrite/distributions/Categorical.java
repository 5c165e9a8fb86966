package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The categorical distribution over {0, ..., K-1}, parameterised along the last dimension by
 * probabilities or (unnormalised) logits: {@code P(k) = probs[k] = softmax(logits)[k]}. Values are INT64
 * indices.
 */
public final class Categorical implements Distribution {
    private final Tensor logits;   // normalised: logSumExp over the last dimension is 0
    private final long k;

    private Categorical(Tensor normalisedLogits) {
        this.logits = normalisedLogits;
        this.k = normalisedLogits.size(-1);
    }

    public static Categorical ofLogits(Tensor logits) {
        Checks.minRank("Categorical", "logits", logits, 1, "a last dimension of categories");
        Checks.param("Categorical", "logits", logits, Constraints.REAL);
        return new Categorical(logits.logSoftmax(-1));
    }

    public static Categorical ofProbs(Tensor probs) {
        Checks.minRank("Categorical", "probs", probs, 1, "a last dimension of categories");
        Checks.param("Categorical", "probs", probs, Constraints.SIMPLEX);
        return new Categorical(probs.log().logSoftmax(-1));
    }

    /** Number of categories K. */
    public long categories() {
        return k;
    }

    /** The normalised logits (log probabilities). */
    public Tensor logits() {
        return logits;
    }

    public Tensor probs() {
        return logits.exp();
    }

    @Override
    public long[] batchShape() {
        long[] s = logits.shape();
        return Arrays.copyOf(s, s.length - 1);
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Categorical", value, batchShape(), eventShape());
        Checks.value("Categorical", value, support());
        Tensor v = value.dtype().isFPType() ? value.castTo(DataType.INT64) : value;
        long[] outShape = Shapes.broadcast(v.shape(), batchShape());
        Tensor l = logits.broadcastTo(Shapes.concat(outShape, new long[]{k}));
        return l.takeAlongLastDim(v.broadcastTo(outShape));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Categorical", logits);
        return Tensor.of(stream.categorical(probs().array(), Shapes.concat(sampleShape, batchShape())));
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(0, k - 1);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        long[] batch = batchShape();
        long[] shape = new long[batch.length + 1];
        Arrays.fill(shape, 1);
        shape[0] = k;
        Tensor values = Tensor.arange(k).reshape(shape);
        return expand ? values.broadcastTo(Shapes.concat(new long[]{k}, batch)) : values;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Categorical", batchShape(), shape);
        return new Categorical(logits.broadcastTo(Shapes.concat(s, new long[]{k})));
    }

    @Override
    public Tensor entropy() {
        return SpecialFunctions.xLogY(probs(), probs()).sum(false, -1).neg();
    }
}
