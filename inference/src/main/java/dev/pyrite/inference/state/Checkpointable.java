package dev.pyrite.inference.state;

/**
 * A part of a run whose whole state can be written and read back bit for bit: positions, gradients,
 * step sizes, adaptation accumulators, random-stream words, draws so far. Reading a state written by
 * {@link #writeState} into an object built with the same settings makes it continue exactly as the
 * original would have.
 */
public interface Checkpointable {
    /** Writes every field that a continuation reads, in a fixed order of named sections. */
    void writeState(StateWriter out);

    /** Reads the sections {@link #writeState} wrote, in the same order, replacing this object's state. */
    void readState(StateReader in);
}
