package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The binomial distribution of the number of successes in {@code totalCount} trials:
 * {@code P(k) = C(n, k) p^k (1 - p)^(n - k)}, by probability or logit. Values are floats.
 */
public final class Binomial implements Distribution {
    private final Tensor totalCount;
    private final Tensor logits;
    private final long[] batchShape;

    private Binomial(Tensor totalCount, Tensor logits, long[] batchShape) {
        this.totalCount = totalCount;
        this.logits = logits;
        this.batchShape = batchShape;
    }

    private static Binomial create(Tensor totalCount, Tensor logits) {
        Checks.param("Binomial", "totalCount", totalCount, Constraints.NONNEGATIVE_INTEGER);
        Tensor n = Values.like(totalCount, logits);
        return new Binomial(n, logits, Checks.broadcast("Binomial", new String[]{"totalCount", "probs"},
                n.shape(), logits.shape()));
    }

    public static Binomial ofProbs(Tensor totalCount, Tensor probs) {
        return create(totalCount, Logits.fromProbs("Binomial", probs));
    }

    public static Binomial ofLogits(Tensor totalCount, Tensor logits) {
        return create(totalCount, Logits.check("Binomial", logits));
    }

    public static Binomial ofProbs(double totalCount, double p) {
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
        Checks.valueShape("Binomial", value, batchShape, eventShape());
        Checks.value("Binomial", value, support());
        Tensor k = Values.like(value, logits);
        return SpecialFunctions.logChoose(totalCount, k).add(k.mul(logits.logSigmoid()))
                .add(totalCount.sub(k).mul(logits.neg().logSigmoid()));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Binomial", totalCount, logits);
        long[] shape = Noise.shape(sampleShape, batchShape);
        double[] n = Noise.values(totalCount, shape);
        double[] p = Noise.values(probs(), shape);
        double[] out = new double[n.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Samplers.binomial(stream, n[i], p[i]);
        }
        return Noise.fromDoubles(out, shape, logits.dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(totalCount.zerosLike(), totalCount);
    }

    /** Needs the same total count throughout the batch (as Pyro): values 0..n on a new leftmost dimension. */
    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        return Enumeration.range("Binomial", totalCount.zerosLike(), totalCount, batchShape, expand);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Binomial", batchShape, shape);
        return new Binomial(totalCount.broadcastTo(s), logits.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return totalCount.mul(probs()).broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return totalCount.mul(p).mul(p.rsub(1.0)).broadcastTo(batchShape);
    }

}
