package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private CsvDataException error(Path file, MissingValues missing) {
        return assertThrows(CsvDataException.class, () -> Csv.read(file, missing).matrix());
    }

    @Test
    void readsQuotedFieldsHeaderBlankLinesCrlfAndByteOrderMark() throws IOException {
        Path f = write("t.csv", "\uFEFF\"x\",\"y, the second\"\r\n1.5,\"-2\"\r\n\r\n  3 , 4e1 \r\n   \r\n.5,+6\r\n");
        Csv csv = Csv.read(f);
        assertEquals(List.of("x", "y, the second"), csv.header());
        assertEquals(3, csv.rowCount());
        assertArrayEquals(new double[]{1.5, 3, 0.5}, csv.columnValues("x"));
        assertArrayEquals(new double[]{-2, 40, 6}, csv.columnValues("y, the second"));
        assertFalse(csv.hasMissing());
    }

    @Test
    void readsTheLastLineWithoutALineEnd() throws IOException {
        Csv csv = Csv.read(write("t.csv", "a\n1\n2"));
        assertArrayEquals(new double[]{1, 2}, csv.columnValues("a"));
    }

    @Test
    void missingValueIsAnErrorNamingFileLineAndColumn() throws IOException {
        // line 4 of the file: blank line 3 is counted
        Path f = write("y.csv", "x,y\n1,2\n\n3,NA\n");
        CsvDataException e = error(f, MissingValues.REJECT);
        assertEquals(f + ":4: column 'y' (2): expected a number, got 'NA' (missing values are not allowed here)",
                e.getMessage());
        assertEquals(4, e.line());
        assertTrue(e.isMissingValue());
        assertEquals("data/y.csv:4: column 'y' (2): expected a number, got 'NA' (missing values are not allowed here)",
                e.describeAs("data/y.csv"));
    }

    @Test
    void nanAndEmptyCellsAreMissingValuesToo() throws IOException {
        CsvDataException nan = error(write("a.csv", "a,b\r\n1,2\r\nNaN,3\r\n"), MissingValues.REJECT);
        assertTrue(nan.getMessage().endsWith(":3: column 'a' (1): expected a number, got 'NaN' (missing values are not allowed here)"),
                nan.getMessage());
        CsvDataException empty = error(write("b.csv", "a,b\n1,2\n3,\n"), MissingValues.REJECT);
        assertTrue(empty.getMessage().endsWith(":3: column 'b' (2): expected a number, got an empty cell (missing values are not allowed here)"),
                empty.getMessage());
    }

    @Test
    void otherNonNumbersAreErrorsEvenWhenMissingValuesAreAllowed() throws IOException {
        for (String bad : new String[]{"abc", "Infinity", "1d", "0x10", "1,5"}) {
            Path f = write("c.csv", "a\n2\n\"" + bad + "\"\n");
            CsvDataException e = error(f, MissingValues.ALLOW);
            assertEquals(f + ":3: column 'a' (1): expected a number, got '" + bad + "'", e.getMessage());
            assertFalse(e.isMissingValue());
        }
        CsvDataException huge = error(write("d.csv", "a\n1e999\n"), MissingValues.ALLOW);
        assertTrue(huge.getMessage().endsWith(":2: column 'a' (1): expected a finite number, got '1e999'"), huge.getMessage());
    }

    @Test
    void allowedMissingValuesReadAsNanWithAMask() throws IOException {
        Csv csv = Csv.read(write("m.csv", "a,b\n1,NA\n,2\nnan,N/A\n4,5\n"), MissingValues.ALLOW);
        double[] a = csv.columnValues("a");
        assertEquals(1, a[0]);
        assertTrue(Double.isNaN(a[1]) && Double.isNaN(a[2]));
        assertEquals(4, a[3]);
        assertArrayEquals(new boolean[]{false, true, true, false}, csv.missingMask("a"));
        assertArrayEquals(new boolean[]{true, false, true, false}, csv.missingMask("b"));
        assertTrue(csv.hasMissing());
    }

    @Test
    void aBadCellFailsWhenItsColumnIsUsed() throws IOException {
        Path f = write("p.csv", "a,b,c\n1,x,3\n2,5,NA\n");
        Csv csv = Csv.read(f);
        assertArrayEquals(new double[]{1, 2}, csv.columnValues("a"));
        assertEquals(f + ":2: column 'b' (2): expected a number, got 'x'",
                assertThrows(CsvDataException.class, () -> csv.column("b")).getMessage());
        assertTrue(assertThrows(CsvDataException.class, () -> csv.columnValues("c")).isMissingValue());
        // the whole table: the first bad cell by line
        assertEquals(2, assertThrows(CsvDataException.class, csv::matrix).line());
    }

    @Test
    void raggedRowsAndBadHeadersAreErrors() throws IOException {
        Path ragged = write("r.csv", "a,b\n1,2\n3\n");
        assertEquals(ragged + ":3: expected 2 cells (a, b), got 1", error(ragged, MissingValues.REJECT).getMessage());
        Path twice = write("h.csv", "a,b,a\n1,2,3\n");
        assertEquals(twice + ":1: expected distinct column names, got 'a' twice (columns 1 and 3)",
                error(twice, MissingValues.REJECT).getMessage());
        Path unnamed = write("u.csv", "\n\na,,c\n1,2,3\n");
        assertEquals(unnamed + ":3: expected a name for column 2 in the header, got an empty cell",
                error(unnamed, MissingValues.REJECT).getMessage());
        Path unterminated = write("q.csv", "a\n1\n\"2\n3\n");
        assertTrue(error(unterminated, MissingValues.REJECT).getMessage().startsWith(unterminated + ": expected well-formed CSV"));
        Path empty = write("e.csv", "\n");
        assertEquals(empty + ": expected a header row naming the columns, got an empty file",
                error(empty, MissingValues.REJECT).getMessage());
    }

    @Test
    void aQuotedFieldOverSeveralLinesKeepsLaterLineNumbersRight() throws IOException {
        Path f = write("q.csv", "\"a\nstill a\",b\n1,2\nx,3\n");
        assertTrue(error(f, MissingValues.REJECT).getMessage().startsWith(f + ":4: column 'a\nstill a' (1): "));
    }

    @Test
    void lookupReadsANameValueFile() throws IOException {
        Path f = write("nv.csv", "name,value\r\n\"w[1]\",0.25\r\nb,-3\r\nc,NA\r\n");
        assertEquals(0.25, Csv.lookup(f, "w[1]"));
        assertEquals(-3, Csv.lookup(f, "b"));
        assertEquals(f + ":4: column 'value' (2): expected a number, got 'NA'",
                assertThrows(CsvDataException.class, () -> Csv.lookup(f, "c")).getMessage());
        assertThrows(CsvDataException.class, () -> Csv.lookup(f, "nope"));
    }

    @Test
    void matrixAndColumnGiveTensors() throws IOException {
        Csv csv = Csv.read(write("t.csv", "a,b\n1,2\n3,4\n"));
        assertArrayEquals(new long[]{2, 2}, csv.matrix().shape());
        assertEquals(4.0, csv.matrix().array().getDouble(1, 1));
        assertArrayEquals(new long[]{2}, csv.column("b").shape());
    }
}
