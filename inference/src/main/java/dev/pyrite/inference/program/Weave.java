package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Its children interleaved (WEAVE): each step runs one call of the next unfinished child, in turn, so
 * several runs share one process (four models stepped in turn, or chains in this JVM while a
 * {@link Spawn}ed group runs in another).
 */
public record Weave(String name, List<Element> children) implements Element {

    public Weave {
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
    }

    public static Weave of(String name, Element... children) {
        return new Weave(name, List.of(children));
    }

    @Override
    public Cursor start() {
        return new WeaveCursor();
    }

    @Override
    public void print(StringBuilder out, int indent) {
        Children.print(out, indent, "WEAVE", name, "", children);
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        return Children.replace(name, children, target, f, replaced -> new Weave(name, replaced));
    }

    @Override
    public Optional<Element> find(String target) {
        return Children.find(this, target, children);
    }

    @Override
    public String toString() {
        return Element.print(this);
    }

    private final class WeaveCursor implements Cursor {
        private final Cursor[] cursors = new Cursor[children.size()];
        private int next;

        WeaveCursor() {
            for (int i = 0; i < cursors.length; i++) {
                cursors[i] = children.get(i).start();
            }
        }

        @Override
        public boolean step() {
            for (int tried = 0; tried < cursors.length; tried++) {
                int i = next;
                next = (next + 1) % cursors.length;
                if (!cursors[i].done()) {
                    cursors[i].step();
                    break;
                }
            }
            return done();
        }

        @Override
        public boolean done() {
            for (Cursor c : cursors) {
                if (!c.done()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void writeState(StateWriter out) {
            out.integer("next", next);
            for (int i = 0; i < cursors.length; i++) {
                out.part(children.get(i).name(), cursors[i]);
            }
        }

        @Override
        public void readState(StateReader in) {
            next = in.integer("next");
            for (int i = 0; i < cursors.length; i++) {
                cursors[i] = children.get(i).start();
                in.part(children.get(i).name(), cursors[i]);
            }
        }
    }
}
