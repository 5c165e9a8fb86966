package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Its body a fixed number of times (REPEAT). */
public record Repeat(String name, int times, Element body) implements Element {

    public Repeat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (times < 0) {
            throw new IllegalArgumentException("REPEAT " + name + ": times must be >= 0, got " + times);
        }
    }

    public static Repeat of(String name, int times, Element body) {
        return new Repeat(name, times, body);
    }

    @Override
    public Cursor start() {
        return new RepeatCursor();
    }

    @Override
    public void print(StringBuilder out, int indent) {
        Element.line(out, indent, "REPEAT", name, "x" + times);
        body.print(out, indent + 1);
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        Repeat self = new Repeat(name, times, body.replace(target, f));
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

    private final class RepeatCursor implements Cursor {
        private int count;
        private Cursor round;

        @Override
        public boolean step() {
            if (done()) {
                return true;
            }
            if (round == null) {
                round = body.start();
            }
            if (round.step()) {
                count++;
                round = null;
            }
            return done();
        }

        @Override
        public boolean done() {
            return count >= times;
        }

        @Override
        public void writeState(StateWriter out) {
            out.integer("count", count);
            out.bool("inRound", round != null);
            if (round != null) {
                out.part(body.name(), round);
            }
        }

        @Override
        public void readState(StateReader in) {
            count = in.integer("count");
            round = null;
            if (in.bool("inRound")) {
                round = body.start();
                in.part(body.name(), round);
            }
        }
    }
}
