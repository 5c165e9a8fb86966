package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;

/**
 * One chain's place in the run: its program counter, the number of transitions it has finished (warm-up
 * and sampling counted together) and the stream it draws all its randomness from, so that a chain
 * draws the same whatever chains run beside it.
 */
final class ChainCursor implements Checkpointable {
    /** Replaced, never advanced differently, when a checkpoint is read. */
    RandomStream stream;
    ProgramCounter pc = ProgramCounter.STEP_SIZE_SEARCH;
    int iteration;

    ChainCursor(RandomStream stream) {
        this.stream = stream;
    }

    @Override
    public void writeState(StateWriter out) {
        out.stream("stream", stream);
        out.string("pc", pc.name());
        out.integer("iteration", iteration);
    }

    @Override
    public void readState(StateReader in) {
        stream = in.stream("stream");
        pc = ProgramCounter.valueOf(in.string("pc"));
        iteration = in.integer("iteration");
    }
}
