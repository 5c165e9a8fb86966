package dev.pyrite.inference.mcmc;

/**
 * Everything one chain carries between lock-step slots, each in a named field: its cursor (program
 * counter, iteration, stream), its current position, its adaptation, the step-size search and the
 * state of its current transition. Nothing about a chain lives anywhere else.
 *
 * @param <S> the per-chain transition state (NUTS tree or HMC trajectory)
 */
final class Chain<S extends TrajectoryState> {
    final int index;
    final ChainCursor cursor;
    /** The chain's current draw: q, U(q) and dU/dq (p unused). */
    final IntegratorState position;
    final AdaptationState adaptation;
    final StepSizeSearchState search;
    final S transition;
    /** Scratch for M^-1 p in the leapfrog. */
    final double[] velocity;
    long warmupDivergences;
    long divergences;
    long leapfrogs;

    Chain(int index, ChainCursor cursor, AdaptationState adaptation, S transition, int dimension) {
        this.index = index;
        this.cursor = cursor;
        this.position = new IntegratorState(dimension);
        this.adaptation = adaptation;
        this.search = new StepSizeSearchState(dimension);
        this.transition = transition;
        this.velocity = new double[dimension];
    }

    /** The state this slot's leapfrog advances, by program counter. */
    TrajectoryState current() {
        return cursor.pc == ProgramCounter.STEP_SIZE_SEARCH ? search : transition;
    }

    Metric metric() {
        return adaptation.metric;
    }
}
