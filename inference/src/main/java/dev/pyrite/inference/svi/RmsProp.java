package dev.pyrite.inference.svi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSProp (Tieleman and Hinton 2012): {@code v = a v + (1 - a) g^2; x -= lr g / (sqrt(v) + eps)}.
 *
 * <pre>{@code
 * Optimiser opt = RmsProp.of(0.01, 0.99);
 * }</pre>
 */
public final class RmsProp extends Optimiser {
    private final double alpha;
    private final double eps;

    private RmsProp(LearningRateSchedule schedule, double alpha, double eps) {
        super(schedule);
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("RmsProp: alpha must be in [0, 1), got " + alpha);
        }
        this.alpha = alpha;
        this.eps = eps;
    }

    public static RmsProp of(double lr, double alpha) {
        return new RmsProp(LearningRateSchedule.constant(lr), alpha, 1e-8);
    }

    public static RmsProp of(LearningRateSchedule schedule, double alpha) {
        return new RmsProp(schedule, alpha, 1e-8);
    }

    @Override
    protected void update(String name, INDArray value, INDArray grad, double lr, long t) {
        INDArray v = state(name, value, 1)[0];
        v.muli(alpha).addi(grad.mul(grad).muli(1 - alpha));
        value.subi(grad.div(sqrt(v).addi(eps)).muli(lr));
    }
}
