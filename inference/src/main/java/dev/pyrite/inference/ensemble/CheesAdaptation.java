package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.DualAveraging;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Arrays;

/**
 * The warm-up of ChEES-HMC (Hoffman, Radul and Sountsov, AISTATS 2021), all of it shared by the chains:
 * <ul>
 * <li>the trajectory length T, moved by Adam (no momentum, second-moment decay {@value #BETA2}) up the
 * gradient in log T of the ChEES criterion {@code E[(|q' - E q'|^2 - |q - E q|^2)^2] / 4}, estimated across
 * chains, weighted by their acceptance probabilities (the paper's equation 8) and taken in the whitened
 * coordinates q / sqrt(inverse mass) in which T is measured. Adam's rate is itself adapted as Rprop adapts
 * its steps ({@link LengthRate}): it starts at 0.15, grows while the gradient keeps its sign and halves
 * when the sign flips, down to the paper's 0.025. So T climbs from its start (one step) to its optimum in a
 * few dozen iterations, and climbs again when the mass changes, instead of moving by at most 0.025 per
 * iteration throughout;</li>
 * <li>the step size, by dual averaging on the harmonic mean of the chains' acceptance probabilities
 * (paper, section 4; target 0.651);</li>
 * <li>the diagonal inverse mass: the cross-chain variance of the positions, averaged over the iterations
 * of a window that starts again when the iteration count reaches a power of two (up to half of the
 * warm-up), so the estimate forgets the first, far-off iterations.</li>
 * </ul>
 * Each window start also restarts the step size's dual averaging and the average of log T. At the end of
 * warm-up the step size and the trajectory length are set to their averages, and the mass is kept.
 */
final class CheesAdaptation implements Checkpointable {
    static final double BETA2 = 0.5;
    private static final double ADAM_EPSILON = 1e-8;
    /** The weight of iterate n in the average of log T is n^-KAPPA, as dual averaging weighs log step sizes. */
    private static final double KAPPA = 0.75;
    private final int warmup;
    private final int chains;
    private final int dimension;
    private final LengthRate rate;
    private final int maxLeapfrogs;
    private final DualAveraging stepAveraging;
    final double[] inverseMass;
    /** {@code sqrt(inverseMass)}: the leapfrog's scale. */
    final double[] scale;
    private final double[] windowMean;
    private int windowCount;
    private double stepSize;
    private double logLength;
    private double logLengthBar;
    private int averagedCount;
    private double adamSecondMoment;
    private int adamSteps;
    /** The index of the next Halton fraction (from 1). */
    private long halton = 1;
    // scratch, rewritten every iteration
    private final double[] meanBefore;
    private final double[] meanAfter;

    CheesAdaptation(int warmup, int chains, int dimension, double targetAccept, double learningRate,
                    int maxLeapfrogs) {
        this.warmup = warmup;
        this.chains = chains;
        this.dimension = dimension;
        this.rate = new LengthRate(learningRate);
        this.maxLeapfrogs = maxLeapfrogs;
        this.stepAveraging = new DualAveraging(targetAccept, 1.0);
        this.inverseMass = new double[dimension];
        this.scale = new double[dimension];
        Arrays.fill(inverseMass, 1.0);
        Arrays.fill(scale, 1.0);
        this.windowMean = new double[dimension];
        this.meanBefore = new double[dimension];
        this.meanAfter = new double[dimension];
    }

    /** Starts from the searched step size, with a trajectory of that one step. */
    void start(double initialStep) {
        stepSize = initialStep;
        stepAveraging.restart(initialStep);
        logLength = Math.log(initialStep);
        logLengthBar = logLength;
        averagedCount = 0;
        rate.start();
    }

    double stepSize() {
        return stepSize;
    }

    double trajectoryLength() {
        return Math.exp(logLength);
    }

    /** The next iteration's leapfrog count: the Halton-jittered length over the step size, in 1..max. */
    int nextLeapfrogs() {
        double jitter = Halton.at(halton++);
        double steps = Math.ceil(jitter * Math.exp(logLength) / stepSize);
        return (int) Math.max(1, Math.min(maxLeapfrogs, steps));
    }

    /**
     * Learns from a warm-up iteration: {@code before} are the positions before it,
     * {@code proposed} and {@code momentum} the end of every chain's trajectory of {@code time}, and
     * {@code accept} the chains' acceptance probabilities (0 for a divergence).
     */
    void learn(double[] before, double[] proposed, double[] momentum, double[] accept, double time) {
        updateLength(before, proposed, momentum, accept, time);
        double inverseSum = 0;
        for (double a : accept) {
            inverseSum += 1 / Math.max(a, 1e-300);
        }
        stepAveraging.update(chains / inverseSum);
        stepSize = stepAveraging.current();
        averagedCount++;
        double eta = Math.pow(averagedCount, -KAPPA);
        logLengthBar = eta * logLength + (1 - eta) * logLengthBar;
    }

    /** The ChEES gradient in log T, and one Adam step up it. */
    private void updateLength(double[] before, double[] proposed, double[] momentum, double[] accept,
                              double time) {
        int d = dimension;
        double weight = 0;
        Arrays.fill(meanBefore, 0);
        Arrays.fill(meanAfter, 0);
        for (int c = 0; c < chains; c++) {
            weight += accept[c];
            for (int k = 0; k < d; k++) {
                meanBefore[k] += before[c * d + k] / chains;
                meanAfter[k] += accept[c] * proposed[c * d + k];
            }
        }
        if (!(weight > 0)) {
            return;   // every chain rejected: no information on T
        }
        for (int k = 0; k < d; k++) {
            meanAfter[k] /= weight;
        }
        double gradient = 0;
        for (int c = 0; c < chains; c++) {
            if (accept[c] == 0) {
                continue;
            }
            double normBefore = 0;
            double normAfter = 0;
            double along = 0;
            for (int k = 0; k < d; k++) {
                // in whitened coordinates x = q / scale, where T is measured: the gradient is then free of
                // the model's scale (which Adam's epsilon is not) and weighs every coordinate alike
                double b = (before[c * d + k] - meanBefore[k]) / scale[k];
                double a = (proposed[c * d + k] - meanAfter[k]) / scale[k];
                normBefore += b * b;
                normAfter += a * a;
                along += a * momentum[c * d + k];   // (x' - E x') . dx'/dt, with dx/dt = p
            }
            // d/dlog T of (normAfter - normBefore)^2 / 4, with the jittered time t = h T: t d/dt
            gradient += accept[c] * time * (normAfter - normBefore) * along;
        }
        gradient /= weight;
        if (!Double.isFinite(gradient)) {
            return;
        }
        adamSteps++;
        adamSecondMoment = BETA2 * adamSecondMoment + (1 - BETA2) * gradient * gradient;
        double corrected = adamSecondMoment / (1 - Math.pow(BETA2, adamSteps));
        double normalised = gradient / (Math.sqrt(corrected) + ADAM_EPSILON);
        // clipped (TFP and BlackJAX clip the update too): log T moves by at most the rate
        logLength += rate.next(gradient) * Math.max(-1, Math.min(1, normalised));
        logLength = Math.min(logLength, Math.log(maxLeapfrogs * stepSize));
    }

    /**
     * After warm-up iteration {@code i}'s acceptance: adds the chains' positions to the mass window, starts
     * a new window at powers of two, and fixes the averages at the end of warm-up.
     */
    void afterIteration(int i, double[] q) {
        int d = dimension;
        if (chains > 1) {
            windowCount++;
            for (int k = 0; k < d; k++) {
                double mean = 0;
                for (int c = 0; c < chains; c++) {
                    mean += q[c * d + k];
                }
                mean /= chains;
                double ss = 0;
                for (int c = 0; c < chains; c++) {
                    double e = q[c * d + k] - mean;
                    ss += e * e;
                }
                double variance = ss / (chains - 1);
                windowMean[k] += (variance - windowMean[k]) / windowCount;
                // shrunk towards 1e-3 as Stan does, by the number of draws behind the estimate
                double n = (double) windowCount * chains;
                inverseMass[k] = n / (n + 5) * windowMean[k] + 1e-3 * 5 / (n + 5);
                scale[k] = Math.sqrt(inverseMass[k]);
            }
        }
        int done = i + 1;
        if (Integer.bitCount(done) == 1 && done <= warmup / 2) {
            Arrays.fill(windowMean, 0);
            windowCount = 0;
            stepAveraging.restart(stepSize);
            logLengthBar = logLength;
            averagedCount = 0;
        }
        if (done == warmup) {
            stepSize = stepAveraging.averaged();
            logLength = logLengthBar;
        }
    }

    @Override
    public void writeState(StateWriter out) {
        out.part("stepAveraging", stepAveraging);
        out.doubles("inverseMass", inverseMass);
        out.doubles("windowMean", windowMean);
        out.integer("windowCount", windowCount);
        out.doubleValue("stepSize", stepSize);
        out.doubleValue("logLength", logLength);
        out.doubleValue("logLengthBar", logLengthBar);
        out.integer("averagedCount", averagedCount);
        out.doubleValue("adamSecondMoment", adamSecondMoment);
        out.integer("adamSteps", adamSteps);
        out.part("lengthRate", rate);
        out.longValue("halton", halton);
    }

    @Override
    public void readState(StateReader in) {
        in.part("stepAveraging", stepAveraging);
        in.doublesInto("inverseMass", inverseMass);
        for (int k = 0; k < dimension; k++) {
            scale[k] = Math.sqrt(inverseMass[k]);
        }
        in.doublesInto("windowMean", windowMean);
        windowCount = in.integer("windowCount");
        stepSize = in.doubleValue("stepSize");
        logLength = in.doubleValue("logLength");
        logLengthBar = in.doubleValue("logLengthBar");
        averagedCount = in.integer("averagedCount");
        adamSecondMoment = in.doubleValue("adamSecondMoment");
        adamSteps = in.integer("adamSteps");
        in.part("lengthRate", rate);
        halton = in.longValue("halton");
    }
}
