package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code (read-csv "file.csv")}: the numeric table of a CSV file with a header row, as a matrix;
 * {@code (read-csv "file.csv" "column")}: one column as a vector. Paths are relative to the model file.
 */
final class DataFiles {
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
        Path dir = span.file().directory();
        Path path = dir == null ? Path.of(file) : dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such data file: " + path);
        }
        Csv csv = Csv.read(path);
        if (args.length == 1) {
            List<String> header = csv.header();
            double[][] rows = new double[csv.rowCount()][header.size()];
            for (int j = 0; j < header.size(); j++) {
                double[] col = csv.columnValues(header.get(j));
                for (int i = 0; i < col.length; i++) {
                    rows[i][j] = col[i];
                }
            }
            return Nd4j.createFromArray(rows);
        }
        if (!(args[1] instanceof String column)) {
            throw new IllegalArgumentException("read-csv needs a column name string, got " + Values.describe(args[1]));
        }
        return Nd4j.createFromArray(csv.columnValues(column));
    }
}
