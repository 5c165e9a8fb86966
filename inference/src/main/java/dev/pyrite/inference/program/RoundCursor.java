package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * The position in a body run round after round ({@link Repeat}, {@link Loop}): the rounds finished and
 * the cursor of the round under way. A subclass says when it is done and may stop before a round starts.
 */
abstract class RoundCursor implements Cursor {
    private final Element body;
    private final String counterName;
    int rounds;
    private Cursor round;

    RoundCursor(Element body, String counterName) {
        this.body = body;
        this.counterName = counterName;
    }

    /** Asked before each round: whether to end instead of starting it. */
    abstract boolean stopBeforeRound();

    /** Runs one call of the current round. */
    @Override
    public final boolean step() {
        if (done()) {
            return true;
        }
        if (round == null) {
            if (stopBeforeRound()) {
                return true;
            }
            round = body.start();
        }
        if (round.step()) {
            rounds++;
            round = null;
        }
        return done();
    }

    /** Writes a subclass's own fields, between the round count and the round under way. */
    void writeOwn(StateWriter out) {
    }

    /** Reads what {@link #writeOwn} wrote. */
    void readOwn(StateReader in) {
    }

    @Override
    public final void writeState(StateWriter out) {
        out.integer(counterName, rounds);
        writeOwn(out);
        out.bool("inRound", round != null);
        if (round != null) {
            out.part(body.name(), round);
        }
    }

    @Override
    public final void readState(StateReader in) {
        rounds = in.integer(counterName);
        readOwn(in);
        round = null;
        if (in.bool("inRound")) {
            round = body.start();
            in.part(body.name(), round);
        }
    }
}
