package dev.pyrite.inference.mcmc;

import java.util.List;

/**
 * What a {@link Hook} sees after each iteration of a run: every chain's draw and statistics of that
 * iteration, whether it was warm-up, and the run's counts so far.
 *
 * @param iteration   0-based, warm-up and sampling counted together
 * @param total       warm-up plus sampling iterations of the run's budget
 * @param warmup      whether the iteration is a warm-up iteration (its draws are not kept)
 * @param chains      one entry per chain, in chain order
 * @param divergences the divergent transitions of all chains in this phase (warm-up or sampling), up to
 *                    and including this iteration
 */
public record IterationDraws(int iteration, int total, boolean warmup, List<ChainIteration> chains,
                             long divergences) {

    public IterationDraws {
        chains = List.copyOf(chains);
    }

    /** The mean step size the chains used in this iteration. */
    public double meanStepSize() {
        double s = 0;
        for (ChainIteration c : chains) {
            s += c.stepSize();
        }
        return s / chains.size();
    }
}
