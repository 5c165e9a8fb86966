package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.RandomStream;

/**
 * One chain's place in the run: its program counter, the number of transitions it has finished (warm-up
 * and sampling counted together) and the stream it draws all its randomness from, so that a chain
 * draws the same whatever chains run beside it.
 */
final class ChainCursor {
    final RandomStream stream;
    ProgramCounter pc = ProgramCounter.STEP_SIZE_SEARCH;
    int iteration;

    ChainCursor(RandomStream stream) {
        this.stream = stream;
    }
}
