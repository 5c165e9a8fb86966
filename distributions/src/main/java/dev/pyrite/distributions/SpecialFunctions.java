package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * Special functions composed of differentiable tensor ops, so densities that use them work on traced
 * tensors: log-beta, the standard normal distribution and quantile functions, and the logarithms of the
 * modified Bessel functions I0 and I1.
 */
final class SpecialFunctions {
    private SpecialFunctions() {
    }

    static final double LOG_PI = Math.log(Math.PI);
    static final double LOG_2PI = Math.log(2 * Math.PI);
    static final double HALF_LOG_2PI = 0.5 * LOG_2PI;
    static final double SQRT_2 = Math.sqrt(2.0);
    static final double EULER_GAMMA = 0.57721566490153286061;

    /** log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b). */
    static Tensor logBeta(Tensor a, Tensor b) {
        return a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
    }

    /** log C(n, k) for real n >= k >= 0. */
    static Tensor logChoose(Tensor n, Tensor k) {
        return n.add(1.0).lgamma().sub(k.add(1.0).lgamma()).sub(n.sub(k).add(1.0).lgamma());
    }

    /** {@code x * log(y)}, defined as 0 where x is 0 (also when y is 0). */
    static Tensor xLogY(Tensor x, Tensor y) {
        if (!y.isTraced() && y.numel() > 0 && y.array().minNumber().doubleValue() > 0) {
            return x.mul(y.log());   // no zero to guard: skip the masks
        }
        Tensor zero = x.eq(0.0);
        Tensor safeY = Tensor.where(zero, y.onesLike(), y);
        return Tensor.where(zero, x.zerosLike(), x.mul(safeY.log()));
    }

    /** log(exp(a) + exp(b)), stable, broadcasting. */
    static Tensor logAddExp(Tensor a, Tensor b) {
        return Tensor.stack(-1, broadcastPair(a, b)).logSumExp(-1, false);
    }

    private static Tensor[] broadcastPair(Tensor a, Tensor b) {
        long[] s = dev.pyrite.tensor.Shapes.broadcast(a.shape(), b.shape());
        return new Tensor[]{a.broadcastTo(s), b.broadcastTo(s)};
    }

    /** The standard normal distribution function Phi(x) = erfc(-x / sqrt 2) / 2, accurate in the lower tail. */
    static Tensor normalCdf(Tensor x) {
        return x.neg().div(SQRT_2).erfc().mul(0.5);
    }

    /** log Phi(x) (accurate to about x = -37, where Phi underflows). */
    static Tensor normalLogCdf(Tensor x) {
        return normalCdf(x).log();
    }

    /** The standard normal density. */
    static Tensor normalPdf(Tensor x) {
        return x.square().mul(-0.5).sub(HALF_LOG_2PI).exp();
    }

    /**
     * The standard normal quantile function. A starting value from the rational approximation of
     * Abramowitz and Stegun 26.2.23 (absolute error below 4.5e-4) is refined by three Halley steps on
     * Phi(x) - q in the lower tail, q = min(p, 1 - p), where erfc is accurate; the error falls roughly
     * cubically per step, to float64 round-off.
     */
    static Tensor normalQuantile(Tensor p) {
        Tensor q = p.minimum(p.rsub(1.0));
        Tensor zero = q.le(0.0);
        Tensor safeQ = Tensor.where(zero, q.onesLike().mul(0.5), q);
        Tensor t = safeQ.log().mul(-2.0).sqrt();
        Tensor num = t.mul(0.010328).add(0.802853).mul(t).add(2.515517);
        Tensor den = t.mul(0.001308).add(0.189269).mul(t).add(1.432788).mul(t).add(1.0);
        Tensor x = num.div(den).sub(t);
        for (int i = 0; i < 3; i++) {
            Tensor e = normalCdf(x).sub(safeQ);
            Tensor u = e.mul(Math.sqrt(2 * Math.PI)).mul(x.square().mul(0.5).exp());
            x = x.sub(u.div(x.mul(u).mul(0.5).add(1.0)));
        }
        x = Tensor.where(zero, x.onesLike().mul(Double.NEGATIVE_INFINITY), x);
        return Tensor.where(p.lt(0.5), x, x.neg());
    }

    /** Largest argument for the power series of I_nu; above it the asymptotic expansion is used. */
    private static final double BESSEL_SWITCH = 20.0;
    private static final int SERIES_TERMS = 50;
    private static final int ASYMPTOTIC_TERMS = 25;

    /** log I0(x) for x > 0. */
    static Tensor logBesselI0(Tensor x) {
        return logBesselI(0, x);
    }

    /** log I1(x) for x > 0. */
    static Tensor logBesselI1(Tensor x) {
        return logBesselI(1, x);
    }

    /**
     * log I_nu(x), nu in {0, 1}, to about 1e-16 relative error: the power series
     * (x/2)^nu / nu! * sum_j (x^2/4)^j / (j! (j+nu)!) nested as 1 + y/(1(1+nu)) (1 + y/(2(2+nu)) (...)) so
     * that no coefficient underflows, below x = 20; above, the asymptotic expansion
     * e^x / sqrt(2 pi x) * (1 - (mu-1)/(8x) (1 - (mu-9)/(2*8x) (1 - ...))), mu = 4 nu^2. Each branch gets
     * its input clamped into its own range so the unused branch has a finite gradient.
     */
    private static Tensor logBesselI(int nu, Tensor x) {
        Tensor small = x.minimum(x.onesLike().mul(BESSEL_SWITCH));
        Tensor large = x.maximum(x.onesLike().mul(BESSEL_SWITCH));
        Tensor y = small.square().mul(0.25);
        Tensor s = y.onesLike();
        for (int j = SERIES_TERMS; j >= 1; j--) {
            s = s.mul(y).mul(1.0 / (j * (double) (j + nu))).add(1.0);
        }
        Tensor series = s.log();
        if (nu == 1) {
            series = series.add(small.mul(0.5).log());
        }
        double mu = 4.0 * nu * nu;
        Tensor inv8x = large.mul(8.0).reciprocal();
        Tensor a = inv8x.onesLike();
        for (int n = ASYMPTOTIC_TERMS; n >= 1; n--) {
            double c = (mu - (2.0 * n - 1) * (2.0 * n - 1)) / n;
            a = a.mul(inv8x).mul(-c).add(1.0);
        }
        Tensor asymptotic = large.sub(large.mul(2 * Math.PI).log().mul(0.5)).add(a.log());
        return Tensor.where(x.le(BESSEL_SWITCH), series, asymptotic);
    }
}
