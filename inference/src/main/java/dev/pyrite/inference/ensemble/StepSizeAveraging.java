package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * Dual averaging of one step size shared by all chains (Nesterov 2009; Hoffman and Gelman 2014, section
 * 3.2, with Stan's constants gamma 0.05, t0 10, kappa 0.75), fed with an ensemble's acceptance statistic.
 */
final class StepSizeAveraging implements Checkpointable {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;
    /** Caps the log step size: a sampler that accepts everything would otherwise raise it to overflow. */
    private static final double MAX_LOG_STEP = 20.0;
    private final double target;
    private double mu;
    private double hBar;
    private double logStep;
    private double logStepBar;
    private int t;

    StepSizeAveraging(double target, double initialStep) {
        this.target = target;
        restart(initialStep);
    }

    /** Starts over around {@code step} (after the mass matrix changed). */
    void restart(double step) {
        mu = Math.log(10 * step);
        hBar = 0;
        logStep = Math.log(step);
        logStepBar = Math.log(step);
        t = 0;
    }

    /** Learns from the acceptance statistic of one iteration. */
    void update(double acceptStat) {
        t++;
        double w = 1.0 / (t + T0);
        hBar = (1 - w) * hBar + w * (target - Math.min(acceptStat, 1.0));
        logStep = Math.min(mu - hBar * (Math.sqrt(t) / GAMMA), MAX_LOG_STEP);
        double eta = Math.pow(t, -KAPPA);
        logStepBar = eta * logStep + (1 - eta) * logStepBar;
    }

    /** The step size during warm-up. */
    double current() {
        return Math.exp(logStep);
    }

    /** The averaged step size, for sampling. */
    double averaged() {
        return Math.exp(logStepBar);
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubleValue("mu", mu);
        out.doubleValue("hBar", hBar);
        out.doubleValue("logStep", logStep);
        out.doubleValue("logStepBar", logStepBar);
        out.integer("t", t);
    }

    @Override
    public void readState(StateReader in) {
        mu = in.doubleValue("mu");
        hBar = in.doubleValue("hBar");
        logStep = in.doubleValue("logStep");
        logStepBar = in.doubleValue("logStepBar");
        t = in.integer("t");
    }
}
