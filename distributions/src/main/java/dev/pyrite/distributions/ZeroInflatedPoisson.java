package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * A Poisson distribution with extra zeros: with probability {@code gate} the value is 0, otherwise it is
 * Poisson(rate). {@code P(0) = gate + (1 - gate) e^(-rate)}, {@code P(k) = (1 - gate) rate^k e^(-rate) / k!}
 * for k > 0. Values are floats.
 */
public final class ZeroInflatedPoisson implements Distribution {
    private final Tensor gate;
    private final Tensor rate;
    private final long[] batchShape;

    private ZeroInflatedPoisson(Tensor gate, Tensor rate, long[] batchShape) {
        this.gate = gate;
        this.rate = rate;
        this.batchShape = batchShape;
    }

    public static ZeroInflatedPoisson of(Tensor gate, Tensor rate) {
        Checks.param("ZeroInflatedPoisson", "gate", gate, Constraints.UNIT_INTERVAL);
        Checks.param("ZeroInflatedPoisson", "rate", rate, Constraints.POSITIVE);
        return new ZeroInflatedPoisson(gate, rate, Checks.broadcast("ZeroInflatedPoisson",
                new String[]{"gate", "rate"}, gate.shape(), rate.shape()));
    }

    public static ZeroInflatedPoisson of(double gate, double rate) {
        return of(Tensor.scalar(gate), Tensor.scalar(rate));
    }

    public Tensor gate() {
        return gate;
    }

    public Tensor rate() {
        return rate;
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
        Checks.valueShape("ZeroInflatedPoisson", value, batchShape, eventShape());
        Checks.value("ZeroInflatedPoisson", value, Constraints.NONNEGATIVE_INTEGER);
        Tensor k = Values.like(value, rate);
        Tensor log1mGate = gate.neg().log1p();
        Tensor poisson = k.mul(rate.log()).sub(rate).sub(k.add(1.0).lgamma());
        Tensor zero = SpecialFunctions.logAddExp(gate.log(), log1mGate.sub(rate));
        return Tensor.where(k.eq(0.0), zero, log1mGate.add(poisson));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("ZeroInflatedPoisson", gate, rate);
        long[] shape = Noise.shape(sampleShape, batchShape);
        Tensor u = Tensor.of(stream.uniform(rate.dtype(), shape));
        Tensor counts = Tensor.of(stream.poisson(rate.array(), rate.dtype(), shape));
        return Tensor.where(u.lt(gate.broadcastTo(shape)), counts.zerosLike(), counts);
    }

    @Override
    public Constraint support() {
        return Constraints.NONNEGATIVE_INTEGER;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("ZeroInflatedPoisson", batchShape, shape);
        return new ZeroInflatedPoisson(gate.broadcastTo(s), rate.broadcastTo(s), s);
    }

    @Override
    public Tensor mean() {
        return gate.rsub(1.0).mul(rate).broadcastTo(batchShape);
    }

    /** (1 - gate) rate (1 + gate rate). */
    @Override
    public Tensor variance() {
        return gate.rsub(1.0).mul(rate).mul(gate.mul(rate).add(1.0)).broadcastTo(batchShape);
    }
}
