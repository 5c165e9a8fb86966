package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The negative binomial distribution of the number of successes before {@code totalCount} failures
 * (as in Pyro, {@code probs} is the success probability; {@code totalCount} may be any positive real):
 * {@code P(k) = Gamma(k + r) / (Gamma(r) k!) (1 - p)^r p^k}. It is the gamma-Poisson mixture
 * Poisson(lambda), lambda ~ Gamma(r, rate (1 - p) / p), which is how it is sampled. Values are floats.
 */
public final class NegativeBinomial implements Distribution {
    private final Tensor totalCount;
    private final Tensor logits;
    private final long[] batchShape;

    private NegativeBinomial(Tensor totalCount, Tensor logits, long[] batchShape) {
        this.totalCount = totalCount;
        this.logits = logits;
        this.batchShape = batchShape;
    }

    private static NegativeBinomial create(Tensor totalCount, Tensor logits) {
        Checks.param("NegativeBinomial", "totalCount", totalCount, Constraints.POSITIVE);
        Tensor r = Values.like(totalCount, logits);
        return new NegativeBinomial(r, logits, Checks.broadcast("NegativeBinomial",
                new String[]{"totalCount", "probs"}, r.shape(), logits.shape()));
    }

    public static NegativeBinomial ofProbs(Tensor totalCount, Tensor probs) {
        Tensor logits = Logits.fromProbs("NegativeBinomial", probs);
        Checks.param("NegativeBinomial", "probs", probs, Constraints.lessThan(1.0));
        return create(totalCount, logits);
    }

    public static NegativeBinomial ofLogits(Tensor totalCount, Tensor logits) {
        return create(totalCount, Logits.check("NegativeBinomial", logits));
    }

    public static NegativeBinomial ofProbs(double totalCount, double p) {
        return ofProbs(Tensor.scalar(totalCount), Tensor.scalar(p));
    }

    public Tensor totalCount() {
        return totalCount;
    }

    public Tensor logits() {
        return logits;
    }

    public Tensor probs() {
        return logits.sigmoid();
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
    public Tensor logProb(Tensor value) {
        Checks.valueShape("NegativeBinomial", value, batchShape, eventShape());
        Checks.value("NegativeBinomial", value, Constraints.NONNEGATIVE_INTEGER);
        Tensor k = Values.like(value, logits);
        Tensor r = totalCount;
        return k.add(r).lgamma().sub(r.lgamma()).sub(k.add(1.0).lgamma())
                .add(r.mul(logits.neg().logSigmoid())).add(k.mul(logits.logSigmoid()));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("NegativeBinomial", totalCount, logits);
        long[] shape = Noise.shape(sampleShape, batchShape);
        Tensor g = Tensor.of(stream.gamma(totalCount.array(), shape)).castTo(logits.dtype());
        Tensor rate = g.mul(logits.exp());
        return Tensor.of(stream.poisson(rate.array(), logits.dtype(), shape));
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE_INTEGER;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("NegativeBinomial", batchShape, shape);
        return new NegativeBinomial(totalCount.broadcastTo(s), logits.broadcastTo(s), s);
    }

    /** r p / (1 - p) = r exp(logits). */
    @Override
    public Tensor mean() {
        return totalCount.mul(logits.exp()).broadcastTo(batchShape);
    }

    /** mean / (1 - p). */
    @Override
    public Tensor variance() {
        return totalCount.mul(logits.exp()).div(logits.neg().sigmoid()).broadcastTo(batchShape);
    }
}
