package dev.pyrite.inference.svi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdaGrad (Duchi et al. 2011): {@code G += g^2; x -= lr g / (sqrt(G) + eps)}.
 *
 * <pre>{@code
 * Optimiser opt = AdaGrad.of(0.1);
 * }</pre>
 */
public final class AdaGrad extends Optimiser {
    private final double eps;

    private AdaGrad(LearningRateSchedule schedule, double eps) {
        super(schedule);
        this.eps = eps;
    }

    public static AdaGrad of(double lr) {
        return new AdaGrad(LearningRateSchedule.constant(lr), 1e-10);
    }

    public static AdaGrad of(LearningRateSchedule schedule) {
        return new AdaGrad(schedule, 1e-10);
    }

    @Override
    protected void update(String name, INDArray value, INDArray grad, double lr, long t) {
        INDArray g2 = state(name, value, 1)[0];
        g2.addi(grad.mul(grad));
        value.subi(grad.div(sqrt(g2).addi(eps)).muli(lr));
    }
}
