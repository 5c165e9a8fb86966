package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.ArrayDeque;

/**
 * Everything one chain carries between lock-step slots, each in a named field: its cursor (program
 * counter, iteration, stream), its current position, its adaptation, the step-size search, the state of
 * its current transition, and the iterations it has finished that the run has not yet shown its hooks
 * (a chain may run ahead of the slowest). Nothing about a chain lives anywhere else.
 *
 * @param <S> the per-chain transition state (NUTS tree or HMC trajectory)
 */
final class Chain<S extends TrajectoryState> implements Checkpointable {
    final int index;
    final ChainCursor cursor;
    /** The chain's current draw: q, U(q) and dU/dq (p unused). */
    final IntegratorState position;
    final AdaptationState adaptation;
    final StepSizeSearchState search;
    final S transition;
    /** Scratch for M^-1 p in the leapfrog. */
    final double[] velocity;
    /** Finished iterations not yet handed to the run's hooks, oldest first. */
    final ArrayDeque<ChainIteration> pending = new ArrayDeque<>();
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

    @Override
    public void writeState(StateWriter out) {
        out.part("cursor", cursor);
        out.part("position", position);
        out.part("adaptation", adaptation);
        out.part("search", search);
        out.part("transition", transition);
        out.longValue("warmupDivergences", warmupDivergences);
        out.longValue("divergences", divergences);
        out.longValue("leapfrogs", leapfrogs);
        out.integer("pending", pending.size());
        for (ChainIteration it : pending) {
            ChainIteration.write(out, it);
        }
    }

    @Override
    public void readState(StateReader in) {
        in.part("cursor", cursor);
        in.part("position", position);
        in.part("adaptation", adaptation);
        in.part("search", search);
        in.part("transition", transition);
        warmupDivergences = in.longValue("warmupDivergences");
        divergences = in.longValue("divergences");
        leapfrogs = in.longValue("leapfrogs");
        int n = in.integer("pending");
        pending.clear();
        for (int k = 0; k < n; k++) {
            pending.add(ChainIteration.read(in, index));
        }
    }
}
