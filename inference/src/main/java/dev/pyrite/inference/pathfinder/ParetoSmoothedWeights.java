package dev.pyrite.inference.pathfinder;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pareto-smoothed importance weights (Vehtari, Simpson, Gelman, Yao &amp; Gabry, "Pareto smoothed
 * importance sampling", JMLR 25, 2024), as multi-path Pathfinder uses them (Zhang et al. 2022, section
 * 2.4). The {@code M = min(0.2 S, 3 sqrt(S))} largest of S weights are replaced by the expected order
 * statistics of a generalized Pareto distribution fitted to their excess over the next largest weight, and
 * no weight is left above the largest raw one. The fitted shape {@code k} is the diagnostic: below 0.5 the
 * importance estimates are reliable, above 0.7 the proposal misses a part of the target that matters.
 *
 * @param logWeights the smoothed log weights, in the order given (non-finite ones left as they were)
 * @param paretoK the shape of the tail fit; NaN where the tail was too short (fewer than 5 weights) to fit
 */
record ParetoSmoothedWeights(double[] logWeights, double paretoK) {
    /** The shortest tail that is fitted; a shorter one leaves the weights as they are. */
    static final int MIN_TAIL = 5;

    /** Smooths the tail of {@code logWeights} (log p - log q per draw; non-finite entries count as weight 0). */
    static ParetoSmoothedWeights of(double[] logWeights) {
        double[] out = logWeights.clone();
        int[] finite = IntStream.range(0, out.length).filter(i -> Double.isFinite(out[i])).toArray();
        int s = finite.length;
        int tail = (int) Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s)));
        if (tail < MIN_TAIL || tail >= s) {
            return new ParetoSmoothedWeights(out, Double.NaN);
        }
        Integer[] order = Arrays.stream(finite).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> logWeights[i]));
        double max = logWeights[order[s - 1]];
        double cutoff = logWeights[order[s - tail - 1]] - max;
        double expCutoff = Math.exp(cutoff);
        double[] excess = new double[tail];
        for (int j = 0; j < tail; j++) {
            excess[j] = Math.exp(logWeights[order[s - tail + j]] - max) - expCutoff;
        }
        if (excess[tail - 1] - excess[0] <= 0) {
            // all tail weights equal: nothing to smooth
            return new ParetoSmoothedWeights(out, Double.NaN);
        }
        GeneralizedParetoFit fit = GeneralizedParetoFit.of(excess);
        if (Double.isFinite(fit.shape())) {
            for (int j = 0; j < tail; j++) {
                double smoothed = Math.log(fit.quantile((j + 0.5) / tail) + expCutoff);
                out[order[s - tail + j]] = Math.min(smoothed, 0) + max;
            }
        }
        return new ParetoSmoothedWeights(out, fit.shape());
    }
}
