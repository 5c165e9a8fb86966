package dev.pyrite.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Stan CSV file the way cmdstanpy's scanner does (and fails where it would): configuration
 * comments ({@code key = value}, {@code (Default)} stripped), the header, the adaptation block
 * ({@code # Adaptation terminated}, {@code # Step size = x}, the metric), the draws, the timing comments.
 */
final class StanCsvReader {
    final Map<String, String> config = new LinkedHashMap<>();
    final List<String> columns = new ArrayList<>();
    double stepSize;
    double[] inverseMetric;
    final List<double[]> rows = new ArrayList<>();
    final List<String> trailer = new ArrayList<>();

    static StanCsvReader read(Path file) throws IOException {
        StanCsvReader r = new StanCsvReader();
        List<String> lines = Files.readAllLines(file);
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("#")) {
            String line = lines.get(i++).replace("(Default)", "");
            line = line.replaceFirst("^[ #\\t]+", "");
            String[] kv = line.split("=");
            if (kv.length == 2) {
                r.config.put(kv[0].trim(), kv[1].trim());
            }
        }
        for (String c : lines.get(i++).split(",")) {
            r.columns.add(c);
        }
        if (!lines.get(i++).trim().equals("# Adaptation terminated")) {
            throw new IllegalStateException("expected '# Adaptation terminated' at line " + i);
        }
        String[] step = lines.get(i++).split("=");
        if (!step[0].startsWith("# Step size")) {
            throw new IllegalStateException("expected the step size at line " + i);
        }
        r.stepSize = Double.parseDouble(step[1].trim());
        String metricLine = lines.get(i++).trim();
        if (!metricLine.equals("# Diagonal elements of inverse mass matrix:")) {
            throw new IllegalStateException("expected the diagonal metric at line " + i + ", got " + metricLine);
        }
        String[] metric = lines.get(i++).replaceFirst("^[ #\\t]+", "").split(",");
        r.inverseMetric = new double[metric.length];
        for (int k = 0; k < metric.length; k++) {
            r.inverseMetric[k] = Double.parseDouble(metric[k].trim());
        }
        int divergent = r.columns.indexOf("divergent__");
        int depth = r.columns.indexOf("treedepth__");
        while (i < lines.size() && !lines.get(i).startsWith("#")) {
            String[] cells = lines.get(i++).split(",");
            if (cells.length != r.columns.size()) {
                throw new IllegalStateException("bad draw at line " + i + ": " + cells.length + " items");
            }
            Integer.parseInt(cells[divergent]);   // cmdstanpy parses these as int
            Integer.parseInt(cells[depth]);
            double[] row = new double[cells.length];
            for (int k = 0; k < cells.length; k++) {
                row[k] = parse(cells[k]);
            }
            r.rows.add(row);
        }
        while (i < lines.size()) {
            r.trailer.add(lines.get(i++));
        }
        return r;
    }

    private static double parse(String s) {
        switch (s) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(s);
        }
    }

    double[] column(String name) {
        int k = columns.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[k];
        }
        return out;
    }
}
