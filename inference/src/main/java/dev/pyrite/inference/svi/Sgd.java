package dev.pyrite.inference.svi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with (heavy-ball) momentum: {@code b = mu b + g; x -= lr b}.
 *
 * <pre>{@code
 * Optimiser opt = Sgd.of(0.01, 0.9);
 * }</pre>
 */
public final class Sgd extends Optimiser {
    private final double momentum;

    private Sgd(LearningRateSchedule schedule, double momentum) {
        super(schedule);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Sgd: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    public static Sgd of(double lr) {
        return new Sgd(LearningRateSchedule.constant(lr), 0.0);
    }

    public static Sgd of(double lr, double momentum) {
        return new Sgd(LearningRateSchedule.constant(lr), momentum);
    }

    public static Sgd of(LearningRateSchedule schedule, double momentum) {
        return new Sgd(schedule, momentum);
    }

    @Override
    protected void update(String name, INDArray value, INDArray grad, double lr, long t) {
        if (momentum == 0) {
            value.subi(grad.mul(lr));
            return;
        }
        INDArray buf = state(name, value, 1)[0];
        buf.muli(momentum).addi(grad);
        value.subi(buf.mul(lr));
    }
}
