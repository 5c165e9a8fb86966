package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.tensor.Tensor;
import java.util.function.Supplier;

/**
 * Polyak-Ruppert averaging of SVI iterates (Polyak and Juditsky 1992), for tests against a closed form.
 * SVI first runs {@code warmup} steps (the schedule should bring the rate down to a small constant by
 * then), then {@code tail} more steps at that constant rate, recording some quantities of the guide
 * after every step. At a constant rate the iterates are a stationary Markov chain that fluctuates
 * around the optimum, so their average estimates it with a Monte Carlo standard error that the
 * effective sample size of the recorded series gives ({@link McseMean}); a check allows
 * {@value #MCSE_MULTIPLE} of those errors.
 */
final class IterateAverage {
    /** About 1e-4 two-sided for a normal error, allowing for the noise in the estimated MCSE itself. */
    static final double MCSE_MULTIPLE = 4.0;
    static final double BIAS_FRACTION = 0.05;

    private final double[] mean;
    private final double[] mcse;

    private IterateAverage(double[] mean, double[] mcse) {
        this.mean = mean;
        this.mcse = mcse;
    }

    /** Learning rate {@code start} decaying geometrically to {@code end} over {@code warmup} steps, then {@code end}. */
    static LearningRateSchedule warmupThenConstant(double start, double end, int warmup) {
        double gamma = Math.pow(end / start, 1.0 / warmup);
        return t -> t < warmup ? start * Math.pow(gamma, t) : end;
    }

    /** Runs the SVI and averages what {@code read} returns over the last {@code tail} steps. */
    static IterateAverage of(SVI svi, int warmup, int tail, Supplier<double[]> read, Tensor... args) {
        svi.run(warmup, args);
        double[][] series = null;
        for (int t = 0; t < tail; t++) {
            svi.step(args);
            double[] v = read.get();
            if (series == null) {
                series = new double[v.length][tail];
            }
            for (int k = 0; k < v.length; k++) {
                series[k][t] = v[k];
            }
        }
        double[] mean = new double[series.length];
        double[] mcse = new double[series.length];
        for (int k = 0; k < series.length; k++) {
            double sum = 0;
            for (double x : series[k]) {
                sum += x;
            }
            mean[k] = sum / tail;
            mcse[k] = McseMean.of(new double[][]{series[k]});
        }
        return new IterateAverage(mean, mcse);
    }

    double mean(int k) {
        return mean[k];
    }

    double mcse(int k) {
        return mcse[k];
    }

    /**
     * The average of quantity {@code k} is within {@value #MCSE_MULTIPLE} MCSE of {@code expected}, plus
     * {@value #BIAS_FRACTION} of {@code scale} (the posterior sd that the quantity is measured in). The
     * allowance is for the optimiser, not the draws: Adam at a constant rate settles about a point that
     * is off the optimum by O(rate) where the gradients are noisy, and averaging its iterates does not
     * remove that (seed offset 15 of the sweep put a mean of the correlated guide 4.6 MCSE away). An
     * error of 0.05 posterior sd is far below anything that matters for inference.
     */
    void assertNear(int k, double expected, double scale, String what) {
        double tolerance = MCSE_MULTIPLE * mcse[k] + BIAS_FRACTION * scale;
        assertEquals(expected, mean[k], tolerance, what + ": iterate average " + mean[k] + " vs closed form " + expected
                + " (MCSE " + mcse[k] + ", scale " + scale + ")");
    }
}
