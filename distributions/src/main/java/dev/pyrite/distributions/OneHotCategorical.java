package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The categorical distribution with values encoded as one-hot vectors of length K (the event):
 * {@code P(x) = prod_k probs[k]^x[k]}. Values are floats.
 */
public final class OneHotCategorical implements Distribution {
    private final Categorical categorical;

    private OneHotCategorical(Categorical categorical) {
        this.categorical = categorical;
    }

    public static OneHotCategorical ofProbs(Tensor probs) {
        Checks.minRank("OneHotCategorical", "probs", probs, 1, "a last dimension of categories");
        Checks.param("OneHotCategorical", "probs", probs, Constraints.SIMPLEX);
        return new OneHotCategorical(Categorical.ofProbs(probs));
    }

    public static OneHotCategorical ofLogits(Tensor logits) {
        Checks.minRank("OneHotCategorical", "logits", logits, 1, "a last dimension of categories");
        Checks.param("OneHotCategorical", "logits", logits, Constraints.REAL);
        return new OneHotCategorical(Categorical.ofLogits(logits));
    }

    public long categories() {
        return categorical.categories();
    }

    public Tensor logits() {
        return categorical.logits();
    }

    public Tensor probs() {
        return categorical.probs();
    }

    @Override
    public long[] batchShape() {
        return categorical.batchShape();
    }

    @Override
    public long[] eventShape() {
        return new long[]{categorical.categories()};
    }

    /** sum_k x[k] log probs[k], with 0 log 0 = 0. */
    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("OneHotCategorical", value, batchShape(), eventShape());
        Checks.value("OneHotCategorical", value, Constraints.ONE_HOT);
        Tensor x = Values.like(value, logits());
        Tensor l = logits();
        return Tensor.where(x.eq(0.0), x.zerosLike(), x.mul(l)).sum(false, -1);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return categorical.sample(stream, sampleShape).oneHot(categories()).castTo(logits().dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.ONE_HOT;
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /** The K one-hot vectors: shape {@code [K, 1, ..., 1, K]}, or {@code [K] + batchShape + [K]}. */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        long k = categories();
        long[] batch = batchShape();
        long[] shape = new long[batch.length + 2];
        Arrays.fill(shape, 1);
        shape[0] = k;
        shape[shape.length - 1] = k;
        Tensor values = Tensor.eye(k).castTo(logits().dtype()).reshape(shape);
        return expand ? values.broadcastTo(Shapes.concat(new long[]{k}, batch, new long[]{k})) : values;
    }

    @Override
    public Distribution expand(long... shape) {
        return new OneHotCategorical((Categorical) categorical.expand(shape));
    }

    @Override
    public Tensor mean() {
        return probs();
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return p.mul(p.rsub(1.0));
    }

    @Override
    public Tensor entropy() {
        return categorical.entropy();
    }
}
