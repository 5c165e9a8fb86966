package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The leaf element: one action, run once per step of its cursor. The action acts on the run's state,
 * which is checkpointed with the run, not with the program.
 */
public record Call(String name, Runnable action) implements Element {

    public Call {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
    }

    public static Call of(String name, Runnable action) {
        return new Call(name, action);
    }

    @Override
    public Cursor start() {
        return new Cursor() {
            private boolean done;

            @Override
            public boolean step() {
                action.run();
                done = true;
                return true;
            }

            @Override
            public boolean done() {
                return done;
            }

            @Override
            public void writeState(StateWriter out) {
                out.bool("done", done);
            }

            @Override
            public void readState(StateReader in) {
                done = in.bool("done");
            }
        };
    }

    @Override
    public void print(StringBuilder out, int indent) {
        Element.line(out, indent, "CALL", name, "");
    }

    @Override
    public Element replace(String target, UnaryOperator<Element> f) {
        return Children.replaceSelf(this, target, f);
    }

    @Override
    public Optional<Element> find(String target) {
        return name.equals(target) ? Optional.of(this) : Optional.empty();
    }

    @Override
    public String toString() {
        return Element.print(this);
    }
}
