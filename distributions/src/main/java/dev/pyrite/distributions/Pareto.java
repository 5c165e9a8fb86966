package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The Pareto (type I) distribution with {@code scale} (x_m, the lower bound) and {@code alpha}:
 * {@code p(x) = alpha x_m^alpha / x^(alpha + 1)} for x >= x_m. Draws invert the distribution
 * function and so are reparameterised.
 */
public final class Pareto implements Distribution {
    private final Tensor scale;
    private final Tensor alpha;
    private final long[] batchShape;

    private Pareto(Tensor scale, Tensor alpha, long[] batchShape) {
        this.scale = scale;
        this.alpha = alpha;
        this.batchShape = batchShape;
    }

    public static Pareto of(Tensor scale, Tensor alpha) {
        Checks.param("Pareto", "scale", scale, Constraints.POSITIVE);
        Checks.param("Pareto", "alpha", alpha, Constraints.POSITIVE);
        return new Pareto(scale, alpha, Checks.broadcast("Pareto", new String[]{"scale", "alpha"}, scale.shape(), alpha.shape()));
    }

    public static Pareto of(double scale, double alpha) {
        return of(Tensor.scalar(scale), Tensor.scalar(alpha));
    }

    public Tensor scale() {
        return scale;
    }

    public Tensor alpha() {
        return alpha;
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
        Checks.valueShape("Pareto", value, batchShape, eventShape());
        Checks.value("Pareto", value, support());
        Tensor x = Values.like(value, scale);
        return alpha.log().add(alpha.mul(scale.log())).sub(alpha.add(1.0).mul(x.log()));
    }

    /** 1 - (x_m / x)^alpha, computed as -expm1(alpha log(x_m / x)). */
    @Override
    public Tensor cdf(Tensor value) {
        Tensor x = Values.like(value, scale);
        return alpha.mul(scale.div(x).log()).expm1().neg();
    }

    @Override
    public Tensor icdf(Tensor p) {
        return scale.mul(p.neg().log1p().neg().div(alpha).exp());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return rsample(stream, sampleShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        Tensor u = Tensor.of(stream.uniform(scale.dtype(), Noise.shape(sampleShape, batchShape)));
        return icdf(u);
    }

    @Override
    public Constraint support() {
        return Constraints.greaterThanEq(scale);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Pareto", batchShape, shape);
        return new Pareto(scale.broadcastTo(s), alpha.broadcastTo(s), s);
    }

    /** alpha x_m / (alpha - 1) for alpha > 1, else infinite. */
    @Override
    public Tensor mean() {
        Tensor a = alpha.broadcastTo(batchShape);
        Tensor m = a.mul(scale).div(a.sub(1.0)).broadcastTo(batchShape);
        return Tensor.where(a.gt(1.0), m, Values.full(m, Double.POSITIVE_INFINITY));
    }

    /** x_m^2 alpha / ((alpha - 1)^2 (alpha - 2)) for alpha > 2, else infinite. */
    @Override
    public Tensor variance() {
        Tensor a = alpha.broadcastTo(batchShape);
        Tensor v = scale.square().mul(a).div(a.sub(1.0).square().mul(a.sub(2.0))).broadcastTo(batchShape);
        return Tensor.where(a.gt(2.0), v, Values.full(v, Double.POSITIVE_INFINITY));
    }

    /** log(x_m / alpha) + 1/alpha + 1. */
    @Override
    public Tensor entropy() {
        return scale.log().sub(alpha.log()).add(alpha.reciprocal()).add(1.0).broadcastTo(batchShape);
    }
}
