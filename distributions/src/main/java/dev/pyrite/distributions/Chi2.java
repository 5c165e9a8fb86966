package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The chi-squared distribution with {@code df} degrees of freedom, Gamma(df/2, rate 1/2):
 * {@code p(x) = x^(df/2-1) e^(-x/2) / (2^(df/2) Gamma(df/2))} for x > 0.
 */
public final class Chi2 implements Distribution {
    private final Tensor df;
    private final Gamma gamma;

    private Chi2(Tensor df, Gamma gamma) {
        this.df = df;
        this.gamma = gamma;
    }

    public static Chi2 of(Tensor df) {
        Checks.param("Chi2", "df", df, Constraints.POSITIVE);
        return new Chi2(df, Gamma.of(df.mul(0.5), df.onesLike().mul(0.5)));
    }

    public static Chi2 of(double df) {
        return of(Tensor.scalar(df));
    }

    public Tensor df() {
        return df;
    }

    @Override
    public long[] batchShape() {
        return df.shape();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Chi2", value, batchShape(), eventShape());
        Checks.value("Chi2", value, Constraints.POSITIVE);
        return gamma.logProb(value);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return gamma.sample(stream, sampleShape);
    }

    @Override
    public Constraint support() {
        return Constraints.POSITIVE;
    }

    @Override
    public Distribution expand(long... shape) {
        return of(df.broadcastTo(Checks.expand("Chi2", batchShape(), shape)));
    }

    @Override
    public Tensor mean() {
        return df;
    }

    @Override
    public Tensor variance() {
        return df.mul(2.0);
    }

    @Override
    public Tensor entropy() {
        return gamma.entropy();
    }
}
