package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Its body again and again until {@code finished} says so (LOOP), asked before each round: a stopping
 * rule such as "R-hat below 1.01 or the draw budget spent". The condition reads the run's state, so a
 * resumed loop asks the same question.
 */
public record Loop(String name, BooleanSupplier finished, Element body) implements Element {

    public Loop {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(body, "body");
    }

    public static Loop of(String name, BooleanSupplier finished, Element body) {
        return new Loop(name, finished, body);
    }

    @Override
    public Cursor start() {
        return new LoopCursor();
    }

    @Override
    public void print(StringBuilder out, int indent) {
        Element.line(out, indent, "LOOP", name, "until stopped");
        body.print(out, indent + 1);
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        Loop self = new Loop(name, finished, body.replace(target, f));
        return name.equals(target) ? f.apply(self) : self;
    }

    @Override
    public Optional<Element> find(String target) {
        return name.equals(target) ? Optional.of(this) : body.find(target);
    }

    @Override
    public String toString() {
        return Element.print(this);
    }

    private final class LoopCursor implements Cursor {
        private int rounds;
        private Cursor round;
        private boolean done;

        /** Runs one call of the current round; at a round's start the condition may end the loop instead. */
        @Override
        public boolean step() {
            if (done) {
                return true;
            }
            if (round == null) {
                if (finished.getAsBoolean()) {
                    done = true;
                    return true;
                }
                round = body.start();
            }
            if (round.step()) {
                rounds++;
                round = null;
            }
            return false;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public void writeState(StateWriter out) {
            out.integer("rounds", rounds);
            out.bool("done", done);
            out.bool("inRound", round != null);
            if (round != null) {
                out.part(body.name(), round);
            }
        }

        @Override
        public void readState(StateReader in) {
            rounds = in.integer("rounds");
            done = in.bool("done");
            round = null;
            if (in.bool("inRound")) {
                round = body.start();
                in.part(body.name(), round);
            }
        }
    }
}
