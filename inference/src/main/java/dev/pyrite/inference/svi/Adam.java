package dev.pyrite.inference.svi;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba 2015) with bias-corrected first and second moments.
 *
 * <pre>{@code
 * Optimiser opt = Adam.of(0.01);                 // betas 0.9, 0.999; eps 1e-8
 * Optimiser opt2 = Adam.of(LearningRateSchedule.exponential(0.05, 0.999), 0.9, 0.999);
 * }</pre>
 */
public class Adam extends Optimiser {
    private final double beta1;
    private final double beta2;
    private final double eps;

    protected Adam(LearningRateSchedule schedule, double beta1, double beta2, double eps) {
        super(schedule);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps > 0)) {
            throw new IllegalArgumentException("Adam: betas must be in [0, 1) and eps > 0, got " + beta1 + ", " + beta2
                    + ", " + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public static Adam of(double lr) {
        return of(LearningRateSchedule.constant(lr), 0.9, 0.999);
    }

    public static Adam of(LearningRateSchedule schedule, double beta1, double beta2) {
        return new Adam(schedule, beta1, beta2, 1e-8);
    }

    @Override
    protected void update(String name, INDArray value, INDArray grad, double lr, long t) {
        INDArray[] s = state(name, value, 2);
        s[0].muli(beta1).addi(grad.mul(1 - beta1));
        s[1].muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        INDArray denom = sqrt(s[1].div(c2)).addi(eps);
        value.subi(s[0].div(c1).divi(denom).muli(lr));
    }
}
