package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The beta distribution on [0, 1] with {@code concentration1} (alpha, the exponent of x) and
 * {@code concentration0} (beta, the exponent of 1 - x):
 * {@code p(x) = x^(alpha-1) (1-x)^(beta-1) / B(alpha, beta)}. Draws are not reparameterised.
 */
public final class Beta implements Distribution {
    private final Tensor concentration1;
    private final Tensor concentration0;
    private final long[] batchShape;

    private Beta(Tensor concentration1, Tensor concentration0, long[] batchShape) {
        this.concentration1 = concentration1;
        this.concentration0 = concentration0;
        this.batchShape = batchShape;
    }

    public static Beta of(Tensor concentration1, Tensor concentration0) {
        Checks.param("Beta", "concentration1", concentration1, Constraints.POSITIVE);
        Checks.param("Beta", "concentration0", concentration0, Constraints.POSITIVE);
        return new Beta(concentration1, concentration0, Checks.broadcast("Beta",
                new String[]{"concentration1", "concentration0"}, concentration1.shape(), concentration0.shape()));
    }

    public static Beta of(double concentration1, double concentration0) {
        return of(Tensor.scalar(concentration1), Tensor.scalar(concentration0));
    }

    public Tensor concentration1() {
        return concentration1;
    }

    public Tensor concentration0() {
        return concentration0;
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
        Checks.valueShape("Beta", value, batchShape, eventShape());
        Checks.value("Beta", value, Constraints.UNIT_INTERVAL);
        Tensor x = Values.like(value, concentration1);
        return concentration1.sub(1.0).mul(x.log()).add(concentration0.sub(1.0).mul(x.neg().log1p()))
                .sub(SpecialFunctions.logBeta(concentration1, concentration0));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Beta", concentration1, concentration0);
        return Tensor.of(stream.beta(concentration1.array(), concentration0.array(), concentration1.dtype(),
                Noise.shape(sampleShape, batchShape)));
    }

    @Override
    public Constraint support() {
        return Constraints.UNIT_INTERVAL;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Beta", batchShape, shape);
        return new Beta(concentration1.broadcastTo(s), concentration0.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return concentration1.div(concentration1.add(concentration0)).broadcastTo(batchShape);
    }

    @Override
    public Tensor variance() {
        Tensor total = concentration1.add(concentration0);
        return concentration1.mul(concentration0).div(total.square().mul(total.add(1.0))).broadcastTo(batchShape);
    }

    /** log B(a, b) - (a-1) psi(a) - (b-1) psi(b) + (a+b-2) psi(a+b). */
    @Override
    public Tensor entropy() {
        Tensor a = concentration1;
        Tensor b = concentration0;
        Tensor total = a.add(b);
        return SpecialFunctions.logBeta(a, b).sub(a.sub(1.0).mul(a.digamma())).sub(b.sub(1.0).mul(b.digamma()))
                .add(total.sub(2.0).mul(total.digamma())).broadcastTo(batchShape);
    }
}
