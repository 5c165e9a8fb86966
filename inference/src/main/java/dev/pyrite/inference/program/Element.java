package dev.pyrite.inference.program;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An element of a step program (pylearn's control-flow elements): {@link Call}, {@link Sequence},
 * {@link Repeat}, {@link Loop}, {@link Weave} and {@link Spawn}. An element is an immutable description;
 * running it makes a {@link Cursor}, whose position is all the program's own state and is checkpointed
 * with the run. Users print a program, find an element by name and replace it (with itself plus a hook,
 * say) before running it.
 *
 * <pre>{@code
 * Element program = Sequence.of("run", Call.of("init", run::init), Repeat.of("sample", 1000, Call.of("draw", run::draw)));
 * Element hooked = program.replace("draw", e -> Sequence.of("draw+log", e, Call.of("log", log::flush)));
 * Cursor cursor = hooked.start();
 * while (!cursor.step()) { }   // one CALL per step
 * }</pre>
 */
public sealed interface Element permits Call, Sequence, Repeat, Loop, Weave, Spawn {

    /** The element's name, unique within a program by convention (what {@link #find} and {@link #replace} match). */
    String name();

    /** A fresh position at this element's start. */
    Cursor start();

    /** The element and its children, one per line, indented two spaces a level. */
    void print(StringBuilder out, int indent);

    /** This element with every element named {@code name} (itself included) replaced by {@code f}'s result. */
    Element replace(String name, UnaryOperator<Element> f);

    /** The first element named {@code name}, depth first. */
    Optional<Element> find(String name);

    /** The printed program. */
    static String print(Element e) {
        StringBuilder out = new StringBuilder();
        e.print(out, 0);
        return out.toString();
    }

    /** Appends one line: indentation, keyword, name and detail. */
    static void line(StringBuilder out, int indent, String keyword, String name, String detail) {
        out.append("  ".repeat(indent)).append(keyword).append(' ').append(name);
        if (!detail.isEmpty()) {
            out.append(' ').append(detail);
        }
        out.append('\n');
    }
}
