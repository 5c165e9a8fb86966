package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Its children one after another (SEQ). */
public record Sequence(String name, List<Element> children) implements Element {

    public Sequence {
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
    }

    public static Sequence of(String name, Element... children) {
        return new Sequence(name, List.of(children));
    }

    @Override
    public Cursor start() {
        return new SequenceCursor();
    }

    @Override
    public void print(StringBuilder out, int indent) {
        Children.print(out, indent, "SEQ", name, "", children);
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        return Children.replace(name, children, target, f, replaced -> new Sequence(name, replaced));
    }

    @Override
    public Optional<Element> find(String target) {
        return Children.find(this, target, children);
    }

    @Override
    public String toString() {
        return Element.print(this);
    }

    private final class SequenceCursor implements Cursor {
        private int index;
        private Cursor child;

        @Override
        public boolean step() {
            if (done()) {
                return true;
            }
            if (child == null) {
                child = children.get(index).start();
            }
            if (child.step()) {
                index++;
                child = null;
            }
            return done();
        }

        @Override
        public boolean done() {
            return index >= children.size();
        }

        @Override
        public void writeState(StateWriter out) {
            out.integer("index", index);
            out.bool("inChild", child != null);
            if (child != null) {
                out.part(children.get(index).name(), child);
            }
        }

        @Override
        public void readState(StateReader in) {
            index = in.integer("index");
            child = null;
            if (in.bool("inChild")) {
                child = children.get(index).start();
                in.part(children.get(index).name(), child);
            }
        }
    }
}
