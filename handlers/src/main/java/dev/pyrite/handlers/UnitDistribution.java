package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;

/**
 * The distribution behind {@code factor}: whatever the value, its log density is the given
 * log-weight, so a factor is scored, scaled, masked and broadcast by plates exactly like a sample site.
 */
final class UnitDistribution implements Distribution {
    private final Tensor logWeight;

    private UnitDistribution(Tensor logWeight) {
        this.logWeight = logWeight;
    }

    static UnitDistribution of(Tensor logWeight) {
        if (logWeight == null) {
            throw new IllegalArgumentException("factor: log weight is null");
        }
        return new UnitDistribution(logWeight.isFloatingPoint() ? logWeight
                : logWeight.castTo(dev.pyrite.tensor.Backend.floatType()));
    }

    @Override
    public long[] batchShape() {
        return logWeight.shape();
    }

    @Override
    public long[] eventShape() {
        return new long[0];
    }

    @Override
    public Tensor logProb(Tensor value) {
        return logWeight;
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return logWeight;
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public Distribution expand(long... batchShape) {
        return new UnitDistribution(logWeight.broadcastTo(batchShape));
    }
}
