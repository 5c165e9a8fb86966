package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;

/**
 * Student's t distribution with {@code df} degrees of freedom, location and scale: density
 * {@code p(x) = Gamma((df+1)/2) / (Gamma(df/2) sqrt(df pi) scale) (1 + z^2/df)^(-(df+1)/2)},
 * {@code z = (x - loc) / scale}. The mean exists for df > 1 and the variance for df > 2 (NaN
 * otherwise, infinite variance for 1 < df <= 2, as in Pyro). Draws use a gamma variate and so are not
 * reparameterised.
 */
public final class StudentT implements Distribution {
    private final Tensor df;
    private final Tensor loc;
    private final Tensor scale;
    private final long[] batchShape;

    private StudentT(Tensor df, Tensor loc, Tensor scale, long[] batchShape) {
        this.df = df;
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    public static StudentT of(Tensor df, Tensor loc, Tensor scale) {
        Checks.param("StudentT", "df", df, Constraints.POSITIVE);
        Checks.param("StudentT", "loc", loc, Constraints.REAL);
        Checks.param("StudentT", "scale", scale, Constraints.POSITIVE);
        return new StudentT(df, loc, scale, Checks.broadcast("StudentT", new String[]{"df", "loc", "scale"},
                df.shape(), loc.shape(), scale.shape()));
    }

    public static StudentT of(double df, double loc, double scale) {
        return of(Tensor.scalar(df), Tensor.scalar(loc), Tensor.scalar(scale));
    }

    public Tensor df() {
        return df;
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor scale() {
        return scale;
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
        Checks.valueShape("StudentT", value, batchShape, eventShape());
        Checks.value("StudentT", value, Constraints.REAL);
        Tensor z = Values.like(value, loc).sub(loc).div(scale);
        Tensor halfDf = df.mul(0.5);
        Tensor norm = halfDf.add(0.5).lgamma().sub(halfDf.lgamma()).sub(df.log().add(SpecialFunctions.LOG_PI).mul(0.5))
                .sub(scale.log());
        return norm.sub(df.add(1.0).mul(0.5).mul(z.square().div(df).log1p()));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("StudentT", df, loc, scale);
        long[] shape = Noise.shape(sampleShape, batchShape);
        Tensor halfDf = df.mul(0.5);
        // chi^2_df / df = Gamma(df/2, rate df/2)
        Tensor g = Tensor.of(stream.gamma(halfDf.array(), df.dtype(), shape)).div(halfDf);
        Tensor eps = Noise.normal(stream, loc.dtype(), shape);
        return loc.add(scale.mul(eps.div(g.sqrt())));
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("StudentT", batchShape, shape);
        return new StudentT(df.broadcastTo(s), loc.broadcastTo(s), scale.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        Tensor m = loc.broadcastTo(batchShape);
        return Tensor.where(df.gt(1.0), m, Values.full(m, Double.NaN));
    }

    @Override
    public Tensor variance() {
        Tensor dfb = df.broadcastTo(batchShape);
        Tensor safeDf = Tensor.where(dfb.gt(2.0), dfb, Values.full(dfb, 3.0));
        Tensor v = scale.square().mul(safeDf.div(safeDf.sub(2.0))).broadcastTo(batchShape);
        Tensor undefined = Tensor.where(dfb.gt(1.0), Values.full(v, Double.POSITIVE_INFINITY), Values.full(v, Double.NaN));
        return Tensor.where(dfb.gt(2.0), v, undefined);
    }

    @Override
    public Tensor entropy() {
        Tensor halfDf = df.mul(0.5);
        Tensor h = df.add(1.0).mul(0.5).mul(halfDf.add(0.5).digamma().sub(halfDf.digamma()))
                .add(df.log().mul(0.5))
                .add(SpecialFunctions.logBeta(halfDf, Values.full(halfDf, 0.5)))
                .add(scale.log());
        return h.broadcastTo(Shapes.broadcast(h.shape(), batchShape));
    }
}
