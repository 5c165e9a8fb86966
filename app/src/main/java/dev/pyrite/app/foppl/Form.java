package dev.pyrite.app.foppl;

import java.util.List;

/**
 * A form read from a model file: the syntax tree of the Clojure subset FOPPL uses (van de Meent,
 * Paige, Yang and Wood, "An Introduction to Probabilistic Programming", 2018, chapter 2). Every form
 * knows its {@link Span} so that errors can point at it.
 */
public sealed interface Form {
    Span span();

    /** A symbol: {@code mu}, {@code +}, {@code mat-mul}. */
    record Symbol(String name, Span span) implements Form {
    }

    /** A keyword: {@code :mu} (its name without the colon). */
    record Keyword(String name, Span span) implements Form {
    }

    /** A number; FOPPL computes in floating point, so integers are read as doubles too. */
    record Num(double value, Span span) implements Form {
    }

    /** A string literal (escapes resolved). */
    record Str(String value, Span span) implements Form {
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, Span span) implements Form {
    }

    /** {@code nil}. */
    record Nil(Span span) implements Form {
    }

    /** {@code (head args...)}. */
    record ListForm(List<Form> items, Span span) implements Form {
        /** The head symbol's name, or null when the list is empty or starts with something else. */
        public String head() {
            return !items.isEmpty() && items.get(0) instanceof Symbol s ? s.name() : null;
        }
    }

    /** {@code [items...]}. */
    record VectorForm(List<Form> items, Span span) implements Form {
    }

    /** {@code {key value ...}}, keys and values alternating. */
    record MapForm(List<Form> items, Span span) implements Form {
    }
}
