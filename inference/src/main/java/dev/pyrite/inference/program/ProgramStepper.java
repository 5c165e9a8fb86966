package dev.pyrite.inference.program;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Objects;

/**
 * A step program being run one {@code CALL} at a time: the program (replaceable until the first step),
 * its cursor once started, and whether it has finished, all {@link Checkpointable}. The runs that a driver
 * steps and checkpoints (NUTS/HMC's {@code McmcRun}, the ensembles' {@code EnsembleRun}) each hold one.
 *
 * <pre>{@code
 * ProgramStepper stepper = new ProgramStepper(program);
 * while (!stepper.step()) { }
 * }</pre>
 */
public final class ProgramStepper implements Checkpointable {
    private Element program;
    /** Null until the first step. */
    private Cursor cursor;
    private boolean finished;

    public ProgramStepper(Element program) {
        this.program = Objects.requireNonNull(program, "program");
    }

    /** The program being run. */
    public Element program() {
        return program;
    }

    /** Replaces the program (to add a hook or change a phase, say); only before the first step. */
    public void replace(Element edited, String owner) {
        if (cursor != null) {
            throw new IllegalStateException(owner + ": the program can be replaced only before the first step");
        }
        this.program = Objects.requireNonNull(edited, "program");
    }

    /** Runs the next {@code CALL}; returns whether the program has finished. */
    public boolean step() {
        if (finished) {
            return true;
        }
        if (cursor == null) {
            cursor = program.start();
        }
        finished = cursor.step();
        return finished;
    }

    /** Whether the program has run to its end. */
    public boolean finished() {
        return finished;
    }

    @Override
    public void writeState(StateWriter out) {
        out.bool("finished", finished);
        out.bool("started", cursor != null);
        if (cursor != null) {
            out.part(program.name(), cursor);
        }
    }

    @Override
    public void readState(StateReader in) {
        finished = in.bool("finished");
        cursor = null;
        if (in.bool("started")) {
            cursor = program.start();
            in.part(program.name(), cursor);
        }
    }
}
