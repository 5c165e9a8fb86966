package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Arrays;

/**
 * Every chain's warm-up adaptation, as arrays over chains.
 *
 * <ul>
 *   <li>The base step size by dual averaging (Hoffman and Gelman 2014, section 3.2; Stan's constants
 *       gamma 0.05, t0 10, kappa 0.75) on the acceptance probability of each transition. The step size a
 *       transition uses is the base times a jitter factor (see {@link DHMC#stepSizeRange}).</li>
 *   <li>A scale per coordinate, the posterior standard deviation estimated (Welford) over the middle of
 *       warm-up: continuous coordinates move by {@code stepSize * scale * p}, discontinuous ones by
 *       {@code stepSize * scale} per visit (the diagonal mass matrix of Nishimura et al., section 3.3).</li>
 * </ul>
 */
final class Adaptation implements Checkpointable {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;
    /** Caps the log step size (about 5e8) so that a chain that accepts everything stays finite. */
    private static final double MAX_LOG_STEP = 20.0;
    private final int dimension;
    private final double target;
    final double[] baseStep;
    private final double[] mu;
    private final double[] hBar;
    private final double[] logStep;
    private final double[] logStepBar;
    private final double[] t;
    final double[] scale;
    private final double[] count;
    private final double[] mean;
    private final double[] m2;

    Adaptation(int chains, int dimension, double target, double initialStep) {
        this.dimension = dimension;
        this.target = target;
        this.baseStep = new double[chains];
        this.mu = new double[chains];
        this.hBar = new double[chains];
        this.logStep = new double[chains];
        this.logStepBar = new double[chains];
        this.t = new double[chains];
        this.scale = new double[chains * dimension];
        this.count = new double[chains];
        this.mean = new double[chains * dimension];
        this.m2 = new double[chains * dimension];
        Arrays.fill(scale, 1.0);
        for (int c = 0; c < chains; c++) {
            restart(c, initialStep);
        }
    }

    /** Starts chain {@code c}'s dual averaging over around {@code step} (after its scales changed). */
    void restart(int c, double step) {
        baseStep[c] = step;
        mu[c] = Math.log(10 * step);
        hBar[c] = 0;
        logStep[c] = Math.log(step);
        logStepBar[c] = 0;
        t[c] = 0;
    }

    /** Learns from the acceptance probability of chain {@code c}'s last transition. */
    void learn(int c, double acceptProbability) {
        t[c]++;
        double w = 1.0 / (t[c] + T0);
        hBar[c] = (1 - w) * hBar[c] + w * (target - Math.min(acceptProbability, 1.0));
        logStep[c] = mu[c] - hBar[c] * Math.sqrt(t[c]) / GAMMA;
        double eta = Math.pow(t[c], -KAPPA);
        logStepBar[c] = eta * logStep[c] + (1 - eta) * logStepBar[c];
        baseStep[c] = Math.exp(Math.min(logStep[c], MAX_LOG_STEP));
    }

    /** Ends chain {@code c}'s step-size adaptation: the averaged step size from now on. */
    void settle(int c) {
        if (t[c] > 0) {
            baseStep[c] = Math.exp(Math.min(logStepBar[c], MAX_LOG_STEP));
        }
    }

    /** Adds chain {@code c}'s position {@code q[c * D ..]} to its scale estimate. */
    void observe(int c, double[] q) {
        count[c]++;
        int o = c * dimension;
        for (int d = 0; d < dimension; d++) {
            double delta = q[o + d] - mean[o + d];
            mean[o + d] += delta / count[c];
            m2[o + d] += delta * (q[o + d] - mean[o + d]);
        }
    }

    /**
     * Sets chain {@code c}'s scales to the estimated standard deviations, shrunk towards 1e-3 as Stan
     * shrinks its variances ({@code n / (n + 5)}), and clears the estimate; unchanged with under 10 draws.
     */
    void setScales(int c) {
        double n = count[c];
        int o = c * dimension;
        if (n >= 10) {
            for (int d = 0; d < dimension; d++) {
                double variance = m2[o + d] / (n - 1);
                double shrunk = (n / (n + 5)) * variance + 1e-3 * (5 / (n + 5));
                scale[o + d] = Math.sqrt(shrunk);
            }
        }
        count[c] = 0;
        Arrays.fill(mean, o, o + dimension, 0);
        Arrays.fill(m2, o, o + dimension, 0);
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubles("baseStep", baseStep);
        out.doubles("mu", mu);
        out.doubles("hBar", hBar);
        out.doubles("logStep", logStep);
        out.doubles("logStepBar", logStepBar);
        out.doubles("t", t);
        out.doubles("scale", scale);
        out.doubles("count", count);
        out.doubles("mean", mean);
        out.doubles("m2", m2);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("baseStep", baseStep);
        in.doublesInto("mu", mu);
        in.doublesInto("hBar", hBar);
        in.doublesInto("logStep", logStep);
        in.doublesInto("logStepBar", logStepBar);
        in.doublesInto("t", t);
        in.doublesInto("scale", scale);
        in.doublesInto("count", count);
        in.doublesInto("mean", mean);
        in.doublesInto("m2", m2);
    }
}
