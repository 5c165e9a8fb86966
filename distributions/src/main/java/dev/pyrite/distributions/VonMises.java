package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The von Mises distribution of an angle, with mean direction {@code loc} and {@code concentration}
 * kappa: {@code p(x) = exp(kappa cos(x - loc)) / (2 pi I0(kappa))}. As in Pyro the support is the real
 * line (the density is periodic), draws lie in [loc - pi, loc + pi], and {@link #variance()} is the
 * circular variance {@code 1 - I1(kappa) / I0(kappa)}.
 */
public final class VonMises implements Distribution {
    private final Tensor loc;
    private final Tensor concentration;
    private final long[] batchShape;

    private VonMises(Tensor loc, Tensor concentration, long[] batchShape) {
        this.loc = loc;
        this.concentration = concentration;
        this.batchShape = batchShape;
    }

    public static VonMises of(Tensor loc, Tensor concentration) {
        Checks.param("VonMises", "loc", loc, Constraints.REAL);
        Checks.param("VonMises", "concentration", concentration, Constraints.POSITIVE);
        return new VonMises(loc, concentration, Checks.broadcast("VonMises", new String[]{"loc", "concentration"},
                loc.shape(), concentration.shape()));
    }

    public static VonMises of(double loc, double concentration) {
        return of(Tensor.scalar(loc), Tensor.scalar(concentration));
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor concentration() {
        return concentration;
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
        Checks.valueShape("VonMises", value, batchShape, eventShape());
        Checks.value("VonMises", value, Constraints.REAL);
        Tensor c = Values.like(value, loc).sub(loc).cos();
        return concentration.mul(c).sub(SpecialFunctions.logBesselI0(concentration)).sub(SpecialFunctions.LOG_2PI);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("VonMises", loc, concentration);
        long[] shape = Noise.shape(sampleShape, batchShape);
        double[] kappa = Noise.values(concentration, shape);
        double[] mu = Noise.values(loc, shape);
        double[] out = new double[kappa.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mu[i] + Samplers.vonMises(stream, kappa[i]);
        }
        return Noise.fromDoubles(out, shape, loc.dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("VonMises", batchShape, shape);
        return new VonMises(loc.broadcastTo(s), concentration.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(batchShape);
    }

    /** The circular variance 1 - I1(kappa) / I0(kappa). */
    @Override
    public Tensor variance() {
        Tensor k = concentration;
        return SpecialFunctions.logBesselI1(k).sub(SpecialFunctions.logBesselI0(k)).exp().rsub(1.0).broadcastTo(batchShape);
    }

    /** log(2 pi I0(kappa)) - kappa I1(kappa) / I0(kappa). */
    @Override
    public Tensor entropy() {
        Tensor k = concentration;
        Tensor logI0 = SpecialFunctions.logBesselI0(k);
        Tensor ratio = SpecialFunctions.logBesselI1(k).sub(logI0).exp();
        return logI0.add(SpecialFunctions.LOG_2PI).sub(k.mul(ratio)).broadcastTo(batchShape);
    }
}
