package dev.pyrite.inference.program;

import dev.pyrite.inference.state.Checkpointable;

/**
 * A running element's position. {@link #step()} runs the element's next {@link Call} and returns
 * whether the element has finished; its counters are written and read as a {@link Checkpointable}, so
 * a resumed program continues with the same next call.
 */
public interface Cursor extends Checkpointable {
    /**
     * Runs the next call.
     *
     * @return whether the element is finished (a finished cursor is not stepped again)
     */
    boolean step();

    /** Whether the element has finished. */
    boolean done();
}
