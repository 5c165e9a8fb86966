package dev.pyrite.inference.mcmc;

/**
 * The leapfrog integrator, split around the one batched gradient call of a lock-step slot:
 * {@link #drift} (half kick of p, full drift of q) before it, {@link #kick} (the second half kick) after.
 * Both work in place on one chain's {@link IntegratorState}.
 */
final class Leapfrog {
    private Leapfrog() {
    }

    /** {@code p -= eps/2 grad; q += eps M^-1 p}; {@code velocity} is scratch of length D. */
    static void drift(IntegratorState s, double eps, Metric metric, double[] velocity) {
        double half = 0.5 * eps;
        for (int k = 0; k < s.p.length; k++) {
            s.p[k] -= half * s.grad[k];
        }
        metric.velocity(s.p, velocity);
        for (int k = 0; k < s.q.length; k++) {
            s.q[k] += eps * velocity[k];
        }
    }

    /**
     * Takes U and dU/dq at the new q from the batched call's outputs (row {@code row} of {@code grads})
     * and, where they and q are finite, completes the step with {@code p -= eps/2 grad}.
     *
     * @return false where the step left the region where the potential is finite (a divergence)
     */
    static boolean kick(IntegratorState s, double eps, double potential, double[] grads, int row) {
        int d = s.q.length;
        s.potential = potential;
        System.arraycopy(grads, row * d, s.grad, 0, d);
        boolean finite = Double.isFinite(potential);
        for (int k = 0; k < d && finite; k++) {
            finite = Double.isFinite(s.grad[k]) && Double.isFinite(s.q[k]);
        }
        if (finite) {
            double half = 0.5 * eps;
            for (int k = 0; k < d; k++) {
                s.p[k] -= half * s.grad[k];
            }
        }
        return finite;
    }
}
