package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The beta-binomial distribution, Binomial(n, p) with p ~ Beta(alpha, beta):
 * {@code P(k) = C(n, k) B(k + alpha, n - k + beta) / B(alpha, beta)}, with {@code concentration1} =
 * alpha and {@code concentration0} = beta. Values are floats.
 */
public final class BetaBinomial implements Distribution {
    private final Tensor concentration1;
    private final Tensor concentration0;
    private final Tensor totalCount;
    private final long[] batchShape;

    private BetaBinomial(Tensor concentration1, Tensor concentration0, Tensor totalCount, long[] batchShape) {
        this.concentration1 = concentration1;
        this.concentration0 = concentration0;
        this.totalCount = totalCount;
        this.batchShape = batchShape;
    }

    public static BetaBinomial of(Tensor concentration1, Tensor concentration0, Tensor totalCount) {
        Checks.param("BetaBinomial", "concentration1", concentration1, Constraints.POSITIVE);
        Checks.param("BetaBinomial", "concentration0", concentration0, Constraints.POSITIVE);
        Checks.param("BetaBinomial", "totalCount", totalCount, Constraints.NONNEGATIVE_INTEGER);
        Tensor n = Values.like(totalCount, concentration1);
        return new BetaBinomial(concentration1, concentration0, n, Checks.broadcast("BetaBinomial",
                new String[]{"concentration1", "concentration0", "totalCount"},
                concentration1.shape(), concentration0.shape(), n.shape()));
    }

    public static BetaBinomial of(double concentration1, double concentration0, double totalCount) {
        return of(Tensor.scalar(concentration1), Tensor.scalar(concentration0), Tensor.scalar(totalCount));
    }

    public Tensor concentration1() {
        return concentration1;
    }

    public Tensor concentration0() {
        return concentration0;
    }

    public Tensor totalCount() {
        return totalCount;
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
        Checks.valueShape("BetaBinomial", value, batchShape, eventShape());
        Checks.value("BetaBinomial", value, support());
        Tensor k = Values.like(value, concentration1);
        Tensor n = totalCount;
        return SpecialFunctions.logChoose(n, k)
                .add(SpecialFunctions.logBeta(k.add(concentration1), n.sub(k).add(concentration0)))
                .sub(SpecialFunctions.logBeta(concentration1, concentration0));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("BetaBinomial", concentration1, concentration0, totalCount);
        long[] shape = Noise.shape(sampleShape, batchShape);
        double[] p = stream.beta(concentration1.array(), concentration0.array(), shape).data().asDouble();
        double[] n = Noise.values(totalCount, shape);
        double[] out = new double[n.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Samplers.binomial(stream, n[i], p[i]);
        }
        return Noise.fromDoubles(out, shape, concentration1.dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(totalCount.zerosLike(), totalCount);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        return Enumeration.range("BetaBinomial", totalCount.zerosLike(), totalCount, batchShape, expand);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("BetaBinomial", batchShape, shape);
        return new BetaBinomial(concentration1.broadcastTo(s), concentration0.broadcastTo(s), totalCount.broadcastTo(s), s);
    }

    /** n alpha / (alpha + beta). */
    @Override
    public Tensor mean() {
        return totalCount.mul(concentration1).div(concentration1.add(concentration0)).broadcastTo(batchShape);
    }

    /** n alpha beta (alpha + beta + n) / ((alpha + beta)^2 (alpha + beta + 1)). */
    @Override
    public Tensor variance() {
        Tensor s = concentration1.add(concentration0);
        return totalCount.mul(concentration1).mul(concentration0).mul(s.add(totalCount))
                .div(s.square().mul(s.add(1.0))).broadcastTo(batchShape);
    }
}
