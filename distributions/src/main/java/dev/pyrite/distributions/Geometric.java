package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The geometric distribution of the number of failures before the first success:
 * {@code P(k) = (1 - p)^k p}, k = 0, 1, ..., by success probability or logit. Values are floats.
 */
public final class Geometric implements Distribution {
    private final Tensor logits;

    private Geometric(Tensor logits) {
        this.logits = logits;
    }

    public static Geometric ofProbs(Tensor probs) {
        Tensor logits = Logits.fromProbs("Geometric", probs);
        Checks.param("Geometric", "probs", probs, Constraints.POSITIVE);
        return new Geometric(logits);
    }

    public static Geometric ofLogits(Tensor logits) {
        return new Geometric(Logits.check("Geometric", logits));
    }

    public static Geometric ofProbs(double p) {
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
        Checks.valueShape("Geometric", value, batchShape(), eventShape());
        Checks.value("Geometric", value, Constraints.NONNEGATIVE_INTEGER);
        Tensor k = Values.like(value, logits);
        return k.mul(logits.neg().logSigmoid()).add(logits.logSigmoid());
    }

    /** floor(log V / log(1 - p)) for V uniform on (0, 1]: P(K >= k) = (1 - p)^k. */
    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Geometric", logits);
        Tensor u = Noise.openUniform(stream, logits.dtype(), Noise.shape(sampleShape, batchShape()));
        return u.log().div(logits.neg().logSigmoid()).floor();
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE_INTEGER;
    }

    @Override
    public Distribution expand(long... shape) {
        return new Geometric(logits.broadcastTo(Checks.expand("Geometric", batchShape(), shape)));
    }

    /** (1 - p) / p = exp(-logits). */
    @Override
    public Tensor mean() {
        return logits.neg().exp();
    }

    /** (1 - p) / p^2. */
    @Override
    public Tensor variance() {
        return logits.neg().exp().div(probs());
    }

    /** (-(1 - p) log(1 - p) - p log p) / p. */
    @Override
    public Tensor entropy() {
        Tensor p = probs();
        return p.rsub(1.0).mul(logits.neg().logSigmoid()).add(p.mul(logits.logSigmoid())).div(p).neg();
    }
}
