package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.CsvDataException;
import dev.pyrite.tensor.MissingValues;
import dev.pyrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code (read-csv "file.csv")}: the numeric table of a CSV file with a header row, as a matrix;
 * {@code (read-csv "file.csv" "column")}: one column as a vector. Paths are relative to the model file.
 * A last argument {@code :allow-missing} reads missing values (empty cells, {@code NA}, {@code NaN}) as
 * NaN; without it they are errors that name the data file's line and column.
 */
final class DataFiles {
    /** The keyword that lets missing values through as NaN. */
    static final KeywordValue ALLOW_MISSING = new KeywordValue("allow-missing");

    private DataFiles() {
    }

    /** The data as the program's floating-point type. */
    static Object read(Object[] args, Span span) {
        return TensorValue.constant(Tensor.of(readDoubles(args, span).castTo(dev.pyrite.tensor.Backend.floatType())));
    }

    /** The data in float64. */
    static INDArray readDoubles(Object[] args, Span span) {
        if (!(args[0] instanceof String file)) {
            throw new IllegalArgumentException("read-csv needs a file name string, got " + Values.describe(args[0]));
        }
        int n = args.length;
        MissingValues missing = MissingValues.REJECT;
        if (n > 1 && args[n - 1] instanceof KeywordValue k) {
            if (!k.equals(ALLOW_MISSING)) {
                throw new IllegalArgumentException("read-csv takes the option " + ALLOW_MISSING + ", got " + k);
            }
            missing = MissingValues.ALLOW;
            n--;
        }
        if (n > 2) {
            throw new IllegalArgumentException("read-csv needs a file name, optionally a column name and "
                    + ALLOW_MISSING + ", got " + args.length + " arguments");
        }
        Path path = path(file, span);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such data file: " + path);
        }
        try {
            return table(Csv.read(path, missing), args, n);
        } catch (CsvDataException e) {
            // the data file as the model names it, so that the message reads file:line: column ...
            String hint = e.isMissingValue() ? "; to read missing values as NaN, add " + ALLOW_MISSING + " to read-csv" : "";
            throw new FopplException(span, e.describeAs(file) + hint, e);
        }
    }

    /** Where {@code read-csv} of {@code file} looks: relative to the model file's folder. */
    static Path path(String file, Span span) {
        Path dir = span.file().directory();
        return dir == null ? Path.of(file) : dir.resolve(file);
    }

    private static INDArray table(Csv csv, Object[] args, int n) {
        if (n == 1) {
            return Nd4j.createFromArray(csv.matrixValues());
        }
        if (!(args[1] instanceof String column)) {
            throw new IllegalArgumentException("read-csv needs a column name string, got " + Values.describe(args[1]));
        }
        return Nd4j.createFromArray(csv.columnValues(column));
    }
}
