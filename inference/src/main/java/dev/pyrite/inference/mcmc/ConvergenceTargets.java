package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.SplitRhat;
import java.util.function.IntFunction;

/**
 * A stopping rule's targets: the rank-normalised split R-hat of every component at most {@code rhat}
 * and its bulk ESS at least {@code ess} (Vehtari et al. 2021). NaN leaves a target out.
 */
record ConvergenceTargets(double rhat, double ess) {
    /** Draws per chain below which the diagnostics are not computed (they need 4). */
    static final int MIN_DRAWS = 4;

    static final ConvergenceTargets NONE = new ConvergenceTargets(Double.NaN, Double.NaN);

    boolean any() {
        return !Double.isNaN(rhat) || !Double.isNaN(ess);
    }

    /**
     * Whether every component meets the targets.
     *
     * @param component the draws {@code [chain][draw]} of component d
     */
    boolean met(int dimension, int draws, IntFunction<double[][]> component) {
        if (draws < MIN_DRAWS) {
            return false;
        }
        for (int d = 0; d < dimension; d++) {
            double[][] x = component.apply(d);
            // NaN (constant draws) never meets a target: such a run goes on to its budget.
            if (!Double.isNaN(rhat) && !(SplitRhat.rhat(x) <= rhat)) {
                return false;
            }
            if (!Double.isNaN(ess) && !(EffectiveSampleSize.bulk(x) >= ess)) {
                return false;
            }
        }
        return true;
    }
}
