package dev.pyrite.tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/** Numeric CSV tables with a header row, read into tensors. */
public final class Csv {
    private final List<String> header;
    private final double[][] rows;

    private Csv(List<String> header, double[][] rows) {
        this.header = header;
        this.rows = rows;
    }

    /** Reads a numeric CSV file whose first line names the columns. */
    public static Csv read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV file " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("CSV file " + file + " is empty");
        }
        List<String> header = Arrays.asList(lines.get(0).trim().split(","));
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + cells.length
                        + " cells, expected " + header.size());
            }
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    row[j] = Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ", column '" + header.get(j)
                            + "': not a number: '" + cells[j] + "'", e);
                }
            }
            rows.add(row);
        }
        return new Csv(header, rows.toArray(new double[0][]));
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.length;
    }

    /** The whole table as a [rows, columns] matrix. */
    public Tensor matrix() {
        return Tensor.of(Nd4j.createFromArray(rows).castTo(Backend.floatType()));
    }

    /** One column as a vector. */
    public Tensor column(String name) {
        return Tensor.of(columnValues(name));
    }

    /** One column's values. */
    public double[] columnValues(String name) {
        int j = header.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + header);
        }
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = rows[i][j];
        }
        return v;
    }

    /** The value of entry {@code name} in a two-column {@code name,value} file. */
    public static double lookup(Path nameValueFile, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(nameValueFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + nameValueFile, e);
        }
        for (String line : lines) {
            String[] cells = line.split(",");
            if (cells.length == 2 && cells[0].trim().equals(name)) {
                return Double.parseDouble(cells[1].trim());
            }
        }
        throw new IllegalArgumentException("no entry '" + name + "' in " + nameValueFile);
    }
}
