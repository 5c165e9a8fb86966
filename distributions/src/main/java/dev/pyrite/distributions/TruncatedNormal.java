package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The normal distribution with {@code loc} and {@code scale} restricted to [low, high] (bounds may be
 * infinite): {@code p(x) = phi(z) / (scale Z)}, {@code z = (x - loc) / scale}, where
 * {@code Z = Phi(beta) - Phi(alpha)}, {@code alpha = (low - loc) / scale}, {@code beta = (high - loc) / scale}.
 * When the interval lies in the upper tail (alpha > 0), Z and the distribution function are computed
 * as differences of upper-tail probabilities so they keep their relative accuracy far from loc. Draws
 * invert the distribution function and are reparameterised.
 */
public final class TruncatedNormal implements Distribution {
    private final Tensor loc;
    private final Tensor scale;
    private final Tensor low;
    private final Tensor high;
    private final long[] batchShape;

    private TruncatedNormal(Tensor loc, Tensor scale, Tensor low, Tensor high, long[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.low = low;
        this.high = high;
        this.batchShape = batchShape;
    }

    public static TruncatedNormal of(Tensor loc, Tensor scale, Tensor low, Tensor high) {
        Checks.param("TruncatedNormal", "loc", loc, Constraints.REAL);
        Checks.param("TruncatedNormal", "scale", scale, Constraints.POSITIVE);
        long[] batch = Checks.broadcast("TruncatedNormal", new String[]{"loc", "scale", "low", "high"},
                loc.shape(), scale.shape(), low.shape(), high.shape());
        Checks.ordered("TruncatedNormal", "low", low, "high", high);
        return new TruncatedNormal(loc, scale, low, high, batch);
    }

    public static TruncatedNormal of(double loc, double scale, double low, double high) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale), Tensor.scalar(low), Tensor.scalar(high));
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor scale() {
        return scale;
    }

    public Tensor low() {
        return low;
    }

    public Tensor high() {
        return high;
    }

    private Tensor alpha() {
        return low.sub(loc).div(scale);
    }

    private Tensor beta() {
        return high.sub(loc).div(scale);
    }

    /** Phi(b) - Phi(a), as a difference of upper-tail probabilities where {@code upper}. */
    private static Tensor mass(Tensor a, Tensor b, Tensor upper) {
        double r = SpecialFunctions.SQRT_2;
        Tensor lowerForm = b.neg().div(r).erfc().sub(a.neg().div(r).erfc()).mul(0.5);
        Tensor upperForm = a.div(r).erfc().sub(b.div(r).erfc()).mul(0.5);
        return Tensor.where(upper, upperForm, lowerForm);
    }

    private Tensor logZ() {
        Tensor a = alpha();
        return mass(a, beta(), a.gt(0.0)).log();
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
        Checks.valueShape("TruncatedNormal", value, batchShape, eventShape());
        Checks.value("TruncatedNormal", value, support());
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        return z.square().mul(-0.5).sub(SpecialFunctions.HALF_LOG_2PI).sub(scale.log()).sub(logZ());
    }

    @Override
    public Tensor cdf(Tensor value) {
        Tensor z = Values.like(value, loc).sub(loc).div(scale).maximum(alpha()).minimum(beta());
        Tensor a = alpha();
        Tensor upper = a.gt(0.0);
        return mass(a, z, upper).div(mass(a, beta(), upper));
    }

    @Override
    public Tensor icdf(Tensor p) {
        Tensor a = alpha();
        Tensor b = beta();
        Tensor upper = a.gt(0.0);
        Tensor z = mass(a, b, upper);
        // lower form: Phi^-1(Phi(a) + p Z); upper form: -Phi^-1(Phi(-a) - p Z)
        Tensor lowerX = SpecialFunctions.normalQuantile(SpecialFunctions.normalCdf(a).add(p.mul(z)));
        Tensor upperX = SpecialFunctions.normalQuantile(SpecialFunctions.normalCdf(a.neg()).sub(p.mul(z))).neg();
        Tensor x = Tensor.where(upper, upperX, lowerX).maximum(a).minimum(b);
        return loc.add(scale.mul(x));
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
        return icdf(Noise.openUniform(stream, loc.dtype(), Noise.shape(sampleShape, batchShape)));
    }

    @Override
    public Constraint support() {
        return Constraints.interval(low, high);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("TruncatedNormal", batchShape, shape);
        return new TruncatedNormal(loc.broadcastTo(s), scale.broadcastTo(s), low.broadcastTo(s), high.broadcastTo(s), s);
    }

    /** z phi(z), taken as 0 at infinite bounds. */
    private static Tensor zPhi(Tensor z) {
        Tensor finite = z.isFinite();
        Tensor safe = Tensor.where(finite, z, z.zerosLike());
        return safe.mul(SpecialFunctions.normalPdf(safe));
    }

    /** loc + scale (phi(alpha) - phi(beta)) / Z. */
    @Override
    public Tensor mean() {
        Tensor a = alpha();
        Tensor b = beta();
        Tensor z = logZ().exp();
        Tensor d = SpecialFunctions.normalPdf(a).sub(SpecialFunctions.normalPdf(b)).div(z);
        return loc.add(scale.mul(d)).broadcastTo(batchShape);
    }

    /** scale^2 (1 + (alpha phi(alpha) - beta phi(beta)) / Z - ((phi(alpha) - phi(beta)) / Z)^2). */
    @Override
    public Tensor variance() {
        Tensor a = alpha();
        Tensor b = beta();
        Tensor z = logZ().exp();
        Tensor d = SpecialFunctions.normalPdf(a).sub(SpecialFunctions.normalPdf(b)).div(z);
        Tensor e = zPhi(a).sub(zPhi(b)).div(z);
        return scale.square().mul(e.add(1.0).sub(d.square())).broadcastTo(batchShape);
    }

    /** log(sqrt(2 pi e) scale Z) + (alpha phi(alpha) - beta phi(beta)) / (2 Z). */
    @Override
    public Tensor entropy() {
        Tensor a = alpha();
        Tensor b = beta();
        Tensor logZ = logZ();
        return logZ.add(scale.log()).add(SpecialFunctions.HALF_LOG_2PI + 0.5)
                .add(zPhi(a).sub(zPhi(b)).div(logZ.exp().mul(2.0))).broadcastTo(batchShape);
    }
}
