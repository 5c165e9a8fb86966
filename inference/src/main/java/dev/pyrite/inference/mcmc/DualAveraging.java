package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * Step-size adaptation of one chain by dual averaging (Nesterov 2009; Hoffman and Gelman 2014, section
 * 3.2), with Stan's constants: gamma 0.05, t0 10, kappa 0.75. Its state is the five named fields. NUTS
 * and HMC keep one per chain; the ensemble samplers keep one for the step size all their chains share.
 */
public final class DualAveraging implements Checkpointable {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;
    /**
     * The log step size is capped at 20 (about 5e8): a chain that accepts everything keeps raising it,
     * which would overflow float32 to infinity.
     */
    private static final double MAX_LOG_STEP = 20.0;
    private final double target;
    private double mu;
    private double hBar;
    private double logStep;
    private double logStepBar;
    private int t;

    /** Adapts towards mean acceptance statistic {@code target}, starting around {@code initialStep}. */
    public DualAveraging(double target, double initialStep) {
        this.target = target;
        restart(initialStep);
    }

    /** Starts over around a new initial step size (after the mass matrix changed). */
    public void restart(double initialStep) {
        mu = Math.log(10 * initialStep);
        hBar = 0;
        logStep = Math.log(initialStep);
        logStepBar = 0;
        t = 0;
    }

    /** Learns from the mean acceptance statistic of the last transition (of one chain or of the ensemble). */
    public void update(double acceptStat) {
        t++;
        double w = 1.0 / (t + T0);
        hBar = (1 - w) * hBar + w * (target - Math.min(acceptStat, 1.0));
        logStep = mu - hBar * (Math.sqrt(t) / GAMMA);
        double eta = Math.pow(t, -KAPPA);
        logStepBar = eta * logStep + (1 - eta) * logStepBar;
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

    /** The step size to use during warm-up. */
    public double current() {
        return Math.exp(Math.min(logStep, MAX_LOG_STEP));
    }

    /** The averaged step size, used after warm-up. */
    public double averaged() {
        return Math.exp(Math.min(logStepBar, MAX_LOG_STEP));
    }
}
