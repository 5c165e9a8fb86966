package dev.pyrite.inference.pathfinder;

import dev.pyrite.inference.mcmc.McmcSamples;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a Pathfinder run gives: its draws as {@link McmcSamples} (one chain, so the summary, CSVs and
 * plots work as for NUTS; of the sampler statistics only the log density is filled, the others are 0),
 * the log density of each draw under the approximation it came from, and per path the selected
 * approximation's ELBO, the iterate it sits at and how the path ended.
 *
 * @param samples the draws on the unconstrained space, {@code [1, draws, D]}
 * @param logApproximation log q of each draw, {@code [1, draws]}
 * @param pathElbo the ELBO estimate of each path's selected approximation
 * @param selectedIteration the L-BFGS iterate each path's selected approximation sits at
 * @param pathIterations the L-BFGS iterations each path made
 * @param stopReasons why each path's L-BFGS stopped
 * @param gradientEvaluations evaluations of U and dU/dq by L-BFGS, all paths together
 * @param densityEvaluations evaluations of U alone (the ELBO estimates and the draws)
 * @param batchedCalls batched gradient calls of the optimisation (its lock-step slots)
 * @param importanceEss the effective sample size of the (Pareto-smoothed) importance weights over the
 *     pooled draws
 * @param paretoK the shape of the generalized Pareto fit to the largest importance weights (Vehtari et
 *     al.'s k-hat): below 0.5 the draws can be trusted, above 0.7 the approximations miss a part of the
 *     posterior that matters; NaN where there were too few draws to fit
 */
public record PathfinderResult(McmcSamples samples, INDArray logApproximation, double[] pathElbo,
                               int[] selectedIteration, int[] pathIterations, String[] stopReasons,
                               long gradientEvaluations, long densityEvaluations, long batchedCalls,
                               double importanceEss, double paretoK) {

    /** The largest ELBO among the paths' selected approximations. */
    public double elbo() {
        double best = Double.NEGATIVE_INFINITY;
        for (double e : pathElbo) {
            best = Math.max(best, e);
        }
        return best;
    }

    /** The draws {@code [draws, D]} on the unconstrained space. */
    public INDArray draws() {
        return samples.draws().slice(0);
    }
}
