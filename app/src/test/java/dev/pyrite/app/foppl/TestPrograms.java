package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Trace;
import java.nio.file.Path;

/** Helpers to compile and run small programs in tests. */
final class TestPrograms {
    /** The examples folder (data paths of test programs are relative to it). */
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private TestPrograms() {
    }

    static FopplProgram parse(String text) {
        return FopplProgram.parse(text, "t.clj", EXAMPLES);
    }

    /** The program's value, evaluated with seed 0 (no other handlers). */
    static Object value(String text) {
        FopplModel m = parse(text).model();
        try (var seed = Handlers.seed(0).enter()) {
            return m.evaluate();
        }
    }

    /** The program's value as numbers. */
    static double[] numbers(String text) {
        Object v = value(text);
        TensorValue t = Values.tensorOrNull(v);
        if (t == null) {
            throw new AssertionError("not numbers: " + Values.describe(v));
        }
        return t.numeric().tensor().toDoubleArray();
    }

    static double number(String text) {
        double[] v = numbers(text);
        if (v.length != 1) {
            throw new AssertionError("expected one number, got " + v.length);
        }
        return v[0];
    }

    static long[] shape(String text) {
        return Values.tensorOrNull(value(text)).shape();
    }

    /** A trace of one run with {@code seed}. */
    static Trace trace(String text, long seed) {
        FopplModel m = parse(text).model();
        return Handlers.trace().getTrace(Handlers.seed(seed).wrap(m));
    }

    /** The error compiling or running the program; checks that the message starts with t.clj:line:column. */
    static FopplException error(String text, int line, int column) {
        FopplException e = assertThrows(FopplException.class, () -> value(text));
        String where = "t.clj:" + line + ":" + column + ": ";
        assertTrue(e.getMessage().startsWith(where), "expected the message to start with " + where + ", got: "
                + e.getMessage());
        return e;
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), "expected '" + needle + "' in: " + haystack);
    }
}
