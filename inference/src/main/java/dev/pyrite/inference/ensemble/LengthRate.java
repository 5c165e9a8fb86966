package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * The learning rate of ChEES-HMC's trajectory length (on log T), adapted as Rprop adapts its steps
 * (Riedmiller and Braun 1993): it grows by {@value #GROW} while the ChEES gradient keeps its sign and halves
 * when the sign flips, between a floor (the paper's rate, 0.025) and {@link #MAX}.
 *
 * <p>Why: the paper's fixed rate moves log T by at most 0.025 per iteration, so from its start at one step
 * size T needs well over 100 iterations to reach lengths of order 1 in whitened units, and a short warm-up
 * ends with T far too short. Far from the optimum the gradient's sign is steady and the rate climbs to
 * {@link #MAX}; near it the sign is noise, so on average the rate shrinks (x1.2 or x0.5 with equal odds)
 * back to the floor, where the paper's behaviour resumes.
 */
final class LengthRate implements Checkpointable {
    /**
     * The largest rate, and the largest move of log T in one iteration. TFP's
     * {@code GradientBasedTrajectoryLengthAdaptation} and BlackJAX's {@code chees_adaptation} clip each
     * update to 0.35 (about log(2) / 2), but their rate stays at 0.025. Here a steady rate of 0.35 overshoots:
     * the jittered criterion is multimodal (for a standard Gaussian its first optimum is T = 2.25 and the next
     * basin starts at 3.86, only 0.54 higher in log T), and on a 10-d Gaussian 6 of 10 seeds ended in the
     * second basin (T 5-11); at 0.15 none of 16 did, and T still reached 1.5 within about 30-55 iterations.
     */
    static final double MAX = 0.15;
    /** Rprop's increase and decrease factors (Riedmiller and Braun 1993). */
    static final double GROW = 1.2;
    static final double SHRINK = 0.5;
    private final double floor;
    private final double ceiling;
    private double rate;
    /** The sign of the last gradient, 0 before the first. */
    private int lastSign;

    /** A rate that never falls below {@code floor} (and never rises above it if it exceeds {@link #MAX}). */
    LengthRate(double floor) {
        this.floor = floor;
        this.ceiling = Math.max(floor, MAX);
        start();
    }

    /** Starts at the largest rate: the first iterations move T fastest. */
    void start() {
        rate = ceiling;
        lastSign = 0;
    }

    /** The rate for a step along {@code gradient}, after learning from its sign. */
    double next(double gradient) {
        int sign = (int) Math.signum(gradient);
        if (sign != 0 && lastSign != 0) {
            rate = sign == lastSign ? Math.min(ceiling, rate * GROW) : Math.max(floor, rate * SHRINK);
        }
        if (sign != 0) {
            lastSign = sign;
        }
        return rate;
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubleValue("rate", rate);
        out.integer("lastSign", lastSign);
    }

    @Override
    public void readState(StateReader in) {
        rate = in.doubleValue("rate");
        lastSign = in.integer("lastSign");
    }
}
