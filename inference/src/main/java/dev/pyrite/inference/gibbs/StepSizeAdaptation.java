package dev.pyrite.inference.gibbs;

import java.util.Arrays;

/**
 * Every chain's HMC step size, adapted during warm-up by dual averaging (Hoffman and Gelman 2014,
 * section 3.2; Stan's constants gamma 0.05, t0 10, kappa 0.75) on the acceptance probability, then fixed
 * at its average.
 */
final class StepSizeAdaptation {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;
    /** Caps the log step size so that a chain that accepts everything stays finite. */
    private static final double MAX_LOG_STEP = 20.0;
    private final double target;
    final double[] step;
    private final double[] mu;
    private final double[] hBar;
    private final double[] logStepBar;
    private final int[] t;

    StepSizeAdaptation(int chains, double target, double initialStep) {
        this.target = target;
        this.step = new double[chains];
        this.mu = new double[chains];
        this.hBar = new double[chains];
        this.logStepBar = new double[chains];
        this.t = new int[chains];
        Arrays.fill(step, initialStep);
        Arrays.fill(mu, Math.log(10 * initialStep));
    }

    /** Learns from the acceptance probability of chain {@code c}'s last HMC transition. */
    void learn(int c, double acceptProbability) {
        t[c]++;
        double w = 1.0 / (t[c] + T0);
        hBar[c] = (1 - w) * hBar[c] + w * (target - Math.min(acceptProbability, 1.0));
        double logStep = Math.min(mu[c] - hBar[c] * Math.sqrt(t[c]) / GAMMA, MAX_LOG_STEP);
        double eta = Math.pow(t[c], -KAPPA);
        logStepBar[c] = eta * logStep + (1 - eta) * logStepBar[c];
        step[c] = Math.exp(logStep);
    }

    /** Ends chain {@code c}'s adaptation: its averaged step size from now on. */
    void settle(int c) {
        if (t[c] > 0) {
            step[c] = Math.exp(Math.min(logStepBar[c], MAX_LOG_STEP));
        }
    }
}
