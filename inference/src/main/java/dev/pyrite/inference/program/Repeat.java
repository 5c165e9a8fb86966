package dev.pyrite.inference.program;

import java.util.List;
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
        Children.print(out, indent, "REPEAT", name, "x" + times, List.of(body));
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        return Children.replace(name, List.of(body), target, f, replaced -> new Repeat(name, times, replaced.get(0)));
    }

    @Override
    public Optional<Element> find(String target) {
        return Children.find(this, target, List.of(body));
    }

    @Override
    public String toString() {
        return Element.print(this);
    }

    private final class RepeatCursor extends RoundCursor {
        RepeatCursor() {
            super(body, "count");
        }

        @Override
        boolean stopBeforeRound() {
            return false;
        }

        @Override
        public boolean done() {
            return rounds >= times;
        }
    }
}
