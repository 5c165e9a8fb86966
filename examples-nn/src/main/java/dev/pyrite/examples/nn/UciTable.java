package dev.pyrite.examples.nn;

import dev.pyrite.examples.ProjectFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A numeric CSV table from {@code examples/data/uci} (see its README for the sources): the column
 * names and the rows as doubles.
 */
public final class UciTable {
    private final List<String> columns;
    private final double[][] rows;

    private UciTable(List<String> columns, double[][] rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /** Reads {@code examples/data/uci/FILE}, found upwards from the working directory. */
    public static UciTable load(String file) {
        return read(ProjectFiles.find("examples/data/uci/" + file));
    }

    /** Reads a CSV with a header row and numbers in every cell. */
    public static UciTable read(Path path) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(path); CSVParser parser = CSVParser.parse(in, format)) {
            List<String> names = parser.getHeaderNames();
            List<double[]> out = new ArrayList<>();
            for (CSVRecord r : parser) {
                double[] row = new double[names.size()];
                for (int j = 0; j < row.length; j++) {
                    try {
                        row[j] = Double.parseDouble(r.get(j));
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        throw new IllegalArgumentException(path + ":" + (r.getRecordNumber() + 1) + ":" + (j + 1)
                                + ": column '" + names.get(j) + "' needs a number", e);
                    }
                }
                out.add(row);
            }
            return new UciTable(names, out.toArray(new double[0][]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.length;
    }

    /** Every column but the last, of the rows {@code index}. */
    public double[][] features(int[] index) {
        double[][] out = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            out[i] = java.util.Arrays.copyOf(rows[index[i]], columns.size() - 1);
        }
        return out;
    }

    /** The last column (the label or the response), of the rows {@code index}. */
    public double[] target(int[] index) {
        double[] out = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = rows[index[i]][columns.size() - 1];
        }
        return out;
    }
}
