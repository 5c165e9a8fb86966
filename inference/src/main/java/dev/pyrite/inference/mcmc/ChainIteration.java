package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * One chain's result of one iteration, warm-up or sampling: its position after the transition (on the
 * unconstrained space), the log density there, the transition's statistics and the step size it used.
 *
 * @param chain     the chain's index
 * @param iteration the chain's iteration, 0-based, warm-up and sampling counted together
 * @param position  q after the transition, length D (a copy the hook may keep)
 */
public record ChainIteration(int chain, int iteration, double[] position, double logDensity, TransitionStats stats,
                             double stepSize) {

    /** Writes every field but the chain index (the reader knows it) as named sections. */
    static void write(StateWriter out, ChainIteration it) {
        out.integer("iteration", it.iteration());
        out.doubles("q", it.position());
        out.doubleValue("logDensity", it.logDensity());
        out.doubleValue("acceptStat", it.stats().acceptStat());
        out.integer("treeDepth", it.stats().treeDepth());
        out.integer("leapfrogs", it.stats().leapfrogs());
        out.bool("divergent", it.stats().divergent());
        out.doubleValue("energy", it.stats().energy());
        out.doubleValue("stepSize", it.stepSize());
    }

    /** Reads what {@link #write} wrote for chain {@code chain}. */
    static ChainIteration read(StateReader in, int chain) {
        int iteration = in.integer("iteration");
        double[] q = in.doubles("q");
        double logDensity = in.doubleValue("logDensity");
        TransitionStats stats = new TransitionStats(in.doubleValue("acceptStat"), in.integer("treeDepth"),
                in.integer("leapfrogs"), in.bool("divergent"), in.doubleValue("energy"));
        return new ChainIteration(chain, iteration, q, logDensity, stats, in.doubleValue("stepSize"));
    }
}
