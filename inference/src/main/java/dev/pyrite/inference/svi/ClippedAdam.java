package dev.pyrite.inference.svi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with each gradient element clipped to {@code [-clip, clip]} and the learning rate multiplied by
 * {@code lrd^t} (as Pyro's ClippedAdam: clip 10, lrd 1 by default).
 *
 * <pre>{@code
 * Optimiser opt = ClippedAdam.of(0.01, 5.0, 0.999);
 * }</pre>
 */
public final class ClippedAdam extends Adam {
    private final double clip;
    private final double lrd;

    private ClippedAdam(double lr, double clip, double lrd) {
        super(LearningRateSchedule.constant(lr), 0.9, 0.999, 1e-8);
        if (!(clip > 0) || !(lrd > 0 && lrd <= 1)) {
            throw new IllegalArgumentException("ClippedAdam: clip must be > 0 and lrd in (0, 1], got " + clip + ", " + lrd);
        }
        this.clip = clip;
        this.lrd = lrd;
    }

    public static ClippedAdam of(double lr) {
        return new ClippedAdam(lr, 10.0, 1.0);
    }

    public static ClippedAdam of(double lr, double clip, double lrd) {
        return new ClippedAdam(lr, clip, lrd);
    }

    @Override
    protected void update(String name, INDArray value, INDArray grad, double lr, long t) {
        INDArray clipped = Transforms.min(Transforms.max(grad, -clip, true), clip, false);
        super.update(name, value, clipped, lr * Math.pow(lrd, t - 1), t);
    }
}
