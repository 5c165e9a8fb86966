package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.List;
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
        Children.print(out, indent, "LOOP", name, "until stopped", List.of(body));
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        return Children.replace(name, List.of(body), target, f, replaced -> new Loop(name, finished, replaced.get(0)));
    }

    @Override
    public Optional<Element> find(String target) {
        return Children.find(this, target, List.of(body));
    }

    @Override
    public String toString() {
        return Element.print(this);
    }

    private final class LoopCursor extends RoundCursor {
        private boolean done;

        LoopCursor() {
            super(body, "rounds");
        }

        /** At a round's start the condition may end the loop instead. */
        @Override
        boolean stopBeforeRound() {
            done = finished.getAsBoolean();
            return done;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        void writeOwn(StateWriter out) {
            out.bool("done", done);
        }

        @Override
        void readOwn(StateReader in) {
            done = in.bool("done");
        }
    }
}
