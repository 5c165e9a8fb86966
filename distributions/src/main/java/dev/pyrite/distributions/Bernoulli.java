package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;

/**
 * The Bernoulli distribution on {0, 1}, by probability or by logit:
 * {@code P(x) = p^x (1 - p)^(1 - x)}, {@code p = sigmoid(logits)}. Values are floats 0.0 and 1.0.
 */
public final class Bernoulli implements Distribution {
    private final Tensor logits;

    private Bernoulli(Tensor logits) {
        this.logits = logits;
    }

    /** By logit: P(1) = sigmoid(logits). */
    public static Bernoulli ofLogits(Tensor logits) {
        return new Bernoulli(Logits.check("Bernoulli", logits));
    }

    /** By probability of 1, in [0, 1]. */
    public static Bernoulli ofProbs(Tensor probs) {
        return new Bernoulli(Logits.fromProbs("Bernoulli", probs));
    }

    public static Bernoulli ofProbs(double p) {
        return ofProbs(Tensor.scalar(p));
    }

    public Tensor logits() {
        return logits;
    }

    public Tensor probs() {
        return logits.sigmoid();
    }

    @Override
    public long[] batchShape() {
        return logits.shape();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Bernoulli", value, batchShape(), eventShape());
        Checks.value("Bernoulli", value, Constraints.BOOLEAN);
        Tensor v = Values.like(value, logits);
        // v * logits - softplus(logits) = v log p + (1 - v) log(1 - p)
        return v.mul(logits).sub(logits.softplus());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Bernoulli", logits);
        long[] shape = Shapes.concat(sampleShape, batchShape());
        Tensor u = Tensor.of(stream.uniform(logits.dtype(), shape));
        return u.lt(probs().broadcastTo(shape)).castTo(logits.dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.BOOLEAN;
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        long[] batch = batchShape();
        long[] shape = new long[batch.length + 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = 2;
        Tensor values = Tensor.of(0.0, 1.0).castTo(logits.dtype()).reshape(shape);
        return expand ? values.broadcastTo(Shapes.concat(new long[]{2}, batch)) : values;
    }

    @Override
    public Distribution expand(long... shape) {
        return new Bernoulli(logits.broadcastTo(Checks.expand("Bernoulli", batchShape(), shape)));
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
        Tensor p = probs();
        return logits.softplus().sub(p.mul(logits));
    }
}
