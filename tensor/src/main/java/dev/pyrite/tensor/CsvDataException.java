package dev.pyrite.tensor;

import java.nio.file.Path;

/**
 * A CSV file that cannot be read as a numeric table. The message names the file, the line and, for a
 * bad cell, the column by name and 1-based index, then what was expected:
 *
 * <pre>
 * data/y.csv:4: column 'y' (2): expected a number, got 'NA' (missing values are not allowed here)
 * </pre>
 */
public final class CsvDataException extends IllegalArgumentException {
    private final transient Path file;
    private final long line;
    private final String problem;
    private final boolean missingValue;

    CsvDataException(Path file, long line, String problem, boolean missingValue) {
        super(describe(file.toString(), line, problem));
        this.file = file;
        this.line = line;
        this.problem = problem;
        this.missingValue = missingValue;
    }

    /** The same error, thrown afresh where the data is used. */
    CsvDataException copy() {
        CsvDataException e = new CsvDataException(file, line, problem, missingValue);
        e.initCause(this);
        return e;
    }

    private static String describe(String fileName, long line, String problem) {
        return fileName + (line > 0 ? ":" + line : "") + ": " + problem;
    }

    /** The message with the file called {@code fileName}, e.g. the path as a model file wrote it. */
    public String describeAs(String fileName) {
        return describe(fileName, line, problem);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the file where the problem is, or 0 for the file as a whole. */
    public long line() {
        return line;
    }

    /** The message without the file and line. */
    public String problem() {
        return problem;
    }

    /** Whether the problem is a missing value, which {@link MissingValues#ALLOW} would have accepted. */
    public boolean isMissingValue() {
        return missingValue;
    }
}
