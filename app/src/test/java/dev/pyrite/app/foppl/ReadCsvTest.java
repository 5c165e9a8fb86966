package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.handlers.Handlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read-csv} on small files: errors that point into both the model file and the data file. */
class ReadCsvTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeData() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        // CRLF, a byte-order mark, a quoted header and a blank line; line 5 has the missing value
        Files.write(dir.resolve("data/y.csv"), "\uFEFF\"x\",y\r\n1,2\r\n\r\n3,4\r\n5,NA\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private double[] numbers(String text) {
        FopplModel m = FopplProgram.parse(text, "m.clj", dir).model();
        try (var seed = Handlers.seed(0).enter()) {
            return Values.tensorOrNull(m.evaluate()).numeric().tensor().toDoubleArray();
        }
    }

    private FopplException error(String text) {
        return assertThrows(FopplException.class, () -> numbers(text));
    }

    @Test
    void readsAColumnOfAWellFormedFile() {
        assertArrayEquals(new double[]{1, 3, 5}, numbers("(read-csv \"data/y.csv\" \"x\")"));
    }

    @Test
    void aMissingValueNamesTheModelFormAndTheDataCell() {
        String program = "(let [mu 0]\n  (+ mu (read-csv \"data/y.csv\" \"y\")))";
        FopplException e = error(program);
        assertEquals("data/y.csv:5: column 'y' (2): expected a number, got 'NA' (missing values are not allowed here);"
                + " to read missing values as NaN, add :allow-missing to read-csv", e.problem());
        assertTrue(e.getMessage().startsWith("m.clj:2:9: data/y.csv:5: column 'y' (2)"), e.getMessage());
    }

    @Test
    void aFileNameComputedAtRunTimeGivesTheSameError() {
        // not a literal, so read when the program runs rather than when it is compiled
        FopplException e = error("(let [f \"data/y.csv\"]\n (read-csv f))");
        assertTrue(e.getMessage().startsWith("m.clj:2:2: data/y.csv:5: column 'y' (2): expected a number, got 'NA'"),
                e.getMessage());
    }

    @Test
    void allowMissingReadsNan() {
        double[] y = numbers("(read-csv \"data/y.csv\" \"y\" :allow-missing)");
        assertEquals(3, y.length);
        assertEquals(2, y[0]);
        assertEquals(4, y[1]);
        assertTrue(Double.isNaN(y[2]));
        double[] table = numbers("(read-csv \"data/y.csv\" :allow-missing)");
        assertArrayEquals(new double[]{1, 2, 3, 4, 5}, java.util.Arrays.copyOf(table, 5));
        assertTrue(Double.isNaN(table[5]));
    }

    @Test
    void otherNonNumbersAreErrorsEvenWithAllowMissing() throws IOException {
        Files.writeString(dir.resolve("data/z.csv"), "z\n1\nabc\n");
        FopplException e = error("(read-csv \"data/z.csv\" \"z\" :allow-missing)");
        assertEquals("data/z.csv:3: column 'z' (1): expected a number, got 'abc'", e.problem());
    }

    @Test
    void anUnknownOptionIsAnError() {
        FopplException e = error("(read-csv \"data/y.csv\" \"y\" :missing-ok)");
        assertEquals("read-csv takes the option :allow-missing, got :missing-ok", e.problem());
    }
}
