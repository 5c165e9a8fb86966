package dev.pyrite.inference.svi;

/**
 * The learning rate as a function of the optimiser's step count (0 for the first step).
 *
 * <pre>{@code
 * Adam adam = Adam.of(LearningRateSchedule.exponential(0.05, 0.999));   // 0.05 * 0.999^t
 * Sgd sgd = Sgd.of(LearningRateSchedule.step(0.1, 500, 0.5), 0.9);        // halves every 500 steps
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The rate for step {@code t} (t = 0, 1, ...). */
    double rate(long t);

    /** A constant rate. */
    static LearningRateSchedule constant(double lr) {
        check(lr);
        return t -> lr;
    }

    /** {@code lr * gamma^t}. */
    static LearningRateSchedule exponential(double lr, double gamma) {
        check(lr);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("exponential schedule: gamma must be in (0, 1], got " + gamma);
        }
        return t -> lr * Math.pow(gamma, t);
    }

    /** {@code lr * gamma^floor(t / stepSize)}. */
    static LearningRateSchedule step(double lr, long stepSize, double gamma) {
        check(lr);
        if (stepSize < 1 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step schedule: stepSize must be >= 1 and gamma in (0, 1], got "
                    + stepSize + " and " + gamma);
        }
        return t -> lr * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    private static void check(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
        }
    }
}
