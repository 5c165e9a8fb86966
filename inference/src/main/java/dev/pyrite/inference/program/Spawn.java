package dev.pyrite.inference.program;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A fragment run in another process (SPAWN): the first step launches it, later steps poll it (waiting at
 * most {@code pollMillis} each, so under a {@link Weave} the other children keep stepping), and the step
 * that finds it ended collects its results. A checkpoint taken while it runs records only that it had
 * started; a resumed program launches it again, which gives the same results because a fragment is
 * deterministic in its seed.
 */
public record Spawn(String name, Fragment fragment, long pollMillis) implements Element {

    public Spawn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fragment, "fragment");
        if (pollMillis < 0) {
            throw new IllegalArgumentException("SPAWN " + name + ": pollMillis must be >= 0, got " + pollMillis);
        }
    }

    public static Spawn of(String name, Fragment fragment) {
        return new Spawn(name, fragment, 10);
    }

    @Override
    public Cursor start() {
        return new SpawnCursor();
    }

    @Override
    public void print(StringBuilder out, int indent) {
        Element.line(out, indent, "SPAWN", name, "");
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

    private final class SpawnCursor implements Cursor {
        private Fragment.Running running;
        private boolean done;

        @Override
        public boolean step() {
            if (done) {
                return true;
            }
            if (running == null) {
                running = fragment.launch();
                return false;
            }
            if (running.finished(pollMillis)) {
                running.collect();
                done = true;
            }
            return done;
        }

        @Override
        public boolean done() {
            return done;
        }

        @Override
        public void writeState(StateWriter out) {
            out.bool("done", done);
        }

        /** A fragment that was running when the checkpoint was taken starts again from its beginning. */
        @Override
        public void readState(StateReader in) {
            done = in.bool("done");
            running = null;
        }
    }
}
