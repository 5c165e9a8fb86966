package dev.pyrite.tensor;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A numeric CSV table with a header row, read into tensors. Files are UTF-8 (a byte-order mark is
 * skipped) in RFC 4180 form, parsed by Apache Commons CSV: quoted fields, CRLF or LF line ends, blank
 * lines skipped, spaces around cells trimmed.
 *
 * <p>Every cell used must be a finite decimal number; anything else is a {@link CsvDataException} naming the
 * file, its line, the column and what was expected. A malformed file or header fails in {@code read}; a
 * bad cell fails when its column is used ({@link #columnValues}, {@link #column}, {@link #matrix}), so
 * that a table can be read for the columns that are clean. Missing values (empty cells, {@code NA}, {@code NaN},
 * {@code N/A}) are errors too unless the caller asks for them:
 *
 * <pre>{@code
 * Csv data = Csv.read(Path.of("data/y.csv"), MissingValues.ALLOW);
 * double[] y = data.columnValues("y");          // NaN where missing
 * boolean[] gone = data.missingMask("y");       // true where missing
 * }</pre>
 */
public final class Csv {
    /** A decimal number as people write them; excludes Java's extras ({@code 1d}, {@code 0x1p3}, {@code Infinity}). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> MISSING_MARKERS = Set.of("", "na", "nan", "n/a");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final List<String> header;
    private final double[][] rows;
    private final boolean[][] missing;
    /** Per column, its first cell that is not a number (null if none). */
    private final CsvDataException[] errors;

    private Csv(List<String> header, double[][] rows, boolean[][] missing, CsvDataException[] errors) {
        this.header = header;
        this.rows = rows;
        this.missing = missing;
        this.errors = errors;
    }

    /** Reads a numeric CSV file whose first line names the columns; a missing value is an error. */
    public static Csv read(Path file) {
        return read(file, MissingValues.REJECT);
    }

    /**
     * Reads a numeric CSV file whose first line names the columns.
     *
     * @param missingValues whether empty cells and {@code NA}/{@code NaN}/{@code N/A} read as NaN
     *                      ({@link MissingValues#ALLOW}) or are errors ({@link MissingValues#REJECT})
     * @throws CsvDataException naming the file and line of a header or row that is malformed
     */
    public static Csv read(Path file, MissingValues missingValues) {
        Table table = Table.parse(file);
        if (table.records.isEmpty()) {
            throw new CsvDataException(file, 0, "expected a header row naming the columns, got an empty file", false);
        }
        List<String> header = checkedHeader(file, table.records.get(0), table.lineOf(table.records.get(0)));
        int n = table.records.size() - 1;
        double[][] rows = new double[n][header.size()];
        boolean[][] missing = new boolean[n][header.size()];
        CsvDataException[] errors = new CsvDataException[header.size()];
        for (int i = 0; i < n; i++) {
            CSVRecord record = table.records.get(i + 1);
            long line = table.lineOf(record);
            if (record.size() != header.size()) {
                throw new CsvDataException(file, line, "expected " + header.size() + " cells (" + String.join(", ", header)
                        + "), got " + record.size(), false);
            }
            for (int j = 0; j < header.size(); j++) {
                String cell = record.get(j);
                boolean isMissing = MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT));
                if (isMissing && missingValues == MissingValues.ALLOW) {
                    rows[i][j] = Double.NaN;
                    missing[i][j] = true;
                } else {
                    try {
                        rows[i][j] = number(cell, isMissing, file, line, header.get(j), j);
                    } catch (CsvDataException e) {
                        // reported when the column is used, so that a bad cell elsewhere does not block the rest
                        rows[i][j] = Double.NaN;
                        if (errors[j] == null) {
                            errors[j] = e;
                        }
                    }
                }
            }
        }
        return new Csv(List.copyOf(header), rows, missing, errors);
    }

    /** A cell's value, or an error saying where it is and what was expected. */
    private static double number(String cell, boolean isMissing, Path file, long line, String column, int j) {
        String where = "column '" + column + "' (" + (j + 1) + "): ";
        if (isMissing) {
            String got = cell.isEmpty() ? "an empty cell" : "'" + cell + "'";
            throw new CsvDataException(file, line, where + "expected a number, got " + got
                    + " (missing values are not allowed here)", true);
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new CsvDataException(file, line, where + "expected a number, got '" + cell + "'", false);
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new CsvDataException(file, line, where + "expected a finite number, got '" + cell + "'", false);
        }
        return v;
    }

    private static List<String> checkedHeader(Path file, CSVRecord record, long line) {
        List<String> header = record.toList();
        for (int j = 0; j < header.size(); j++) {
            if (header.get(j).isEmpty()) {
                throw new CsvDataException(file, line, "expected a name for column " + (j + 1) + " in the header, got an empty cell", false);
            }
            int first = header.indexOf(header.get(j));
            if (first != j) {
                throw new CsvDataException(file, line, "expected distinct column names, got '" + header.get(j)
                        + "' twice (columns " + (first + 1) + " and " + (j + 1) + ")", false);
            }
        }
        return header;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.length;
    }

    /**
     * The whole table as a [rows, columns] matrix (NaN where a value is missing).
     *
     * @throws CsvDataException for the first cell (by line) that is not a number
     */
    public Tensor matrix() {
        return Tensor.of(Nd4j.createFromArray(matrixValues()).castTo(Backend.floatType()));
    }

    /**
     * The whole table's values, row by row (a copy; NaN where a value is missing).
     *
     * @throws CsvDataException for the first cell (by line) that is not a number
     */
    public double[][] matrixValues() {
        CsvDataException first = null;
        for (CsvDataException e : errors) {
            if (e != null && (first == null || e.line() < first.line())) {
                first = e;
            }
        }
        if (first != null) {
            throw first.copy();
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** One column as a vector (NaN where a value is missing). */
    public Tensor column(String name) {
        return Tensor.of(columnValues(name));
    }

    /**
     * One column's values (NaN where a value is missing).
     *
     * @throws CsvDataException for the column's first cell that is not a number
     */
    public double[] columnValues(String name) {
        int j = columnIndex(name);
        if (errors[j] != null) {
            throw errors[j].copy();
        }
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = rows[i][j];
        }
        return v;
    }

    /** Where a column's values are missing: true at the rows read with {@link MissingValues#ALLOW} as NaN. */
    public boolean[] missingMask(String name) {
        int j = columnIndex(name);
        boolean[] m = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            m[i] = missing[i][j];
        }
        return m;
    }

    /** Whether any value in the table is missing. */
    public boolean hasMissing() {
        return Arrays.stream(missing).anyMatch(row -> {
            for (boolean b : row) {
                if (b) {
                    return true;
                }
            }
            return false;
        });
    }

    private int columnIndex(String name) {
        int j = header.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + header);
        }
        return j;
    }

    /**
     * The value of entry {@code name} in a two-column {@code name,value} file with a header row.
     *
     * @throws CsvDataException if the entry's value is not a finite number, or there is no such entry
     */
    public static double lookup(Path nameValueFile, String name) {
        Table table = Table.parse(nameValueFile);
        String valueColumn = table.records.isEmpty() || table.records.get(0).size() < 2 ? "value" : table.records.get(0).get(1);
        for (int i = 1; i < table.records.size(); i++) {
            CSVRecord record = table.records.get(i);
            if (record.size() >= 2 && record.get(0).equals(name)) {
                return number(record.get(1), false, nameValueFile, table.lineOf(record), valueColumn, 1);
            }
        }
        throw new CsvDataException(nameValueFile, 0, "expected an entry named '" + name + "', found none", false);
    }

    /** The records of a file, and the offsets where its lines start, to give each record its line number. */
    private static final class Table {
        final String text;
        final List<CSVRecord> records;
        final int[] lineStarts;

        private Table(String text, List<CSVRecord> records) {
            this.text = text;
            this.records = records;
            this.lineStarts = lineStarts(text);
        }

        static Table parse(Path file) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                throw new CsvDataException(file, 0, "expected UTF-8 text, got bytes that are not", false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CSV file " + file, e);
            }
            if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).build();
            List<CSVRecord> records = new ArrayList<>();
            try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
                for (CSVRecord r : parser) {
                    // a line of spaces only is blank too, though the parser sees one empty cell
                    if (!(r.size() == 1 && r.get(0).isEmpty())) {
                        records.add(r);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // Commons CSV reports malformed quoting as an IOException that names its own line
                throw new CsvDataException(file, 0, "expected well-formed CSV: " + e.getMessage(), false);
            }
            return new Table(text, records);
        }

        /** The 1-based line where a record's first cell is (the parser's position may sit before skipped blank lines). */
        long lineOf(CSVRecord record) {
            int p = (int) record.getCharacterPosition();
            while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
                p++;
            }
            int k = Arrays.binarySearch(lineStarts, p);
            return k >= 0 ? k + 1 : -k - 1;
        }

        private static int[] lineStarts(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
            return starts.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
