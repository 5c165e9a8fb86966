package dev.pyrite.app;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Trace and marginal density plots of a run, drawn with XChart: one PNG per parameter group (a site, or
 * the program's value), one row per component with its trace (draw against iteration, a line per chain)
 * on the left and its density (a Gaussian kernel density estimate per chain) on the right. A group with
 * more than {@value #ROWS_PER_FILE} components continues in {@code name-2.png}, {@code name-3.png}...;
 * only the first {@value #MAX_ROWS_PER_GROUP} components of a group are drawn.
 */
final class PosteriorPlots {
    static final int ROWS_PER_FILE = 16;
    /** Components drawn per group at most (the first ones); the CSVs hold them all. */
    static final int MAX_ROWS_PER_GROUP = 64;
    private static final int WIDTH = 520;
    private static final int HEIGHT = 180;
    private static final Color[] CHAIN_COLORS = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    };

    private PosteriorPlots() {
    }

    /** Plots {@code draws} ({@code [chain][draw]} per quantity), one file per group of {@code groups}. */
    static List<Path> write(Map<String, double[][]> draws, Map<String, String> groups, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (String q : draws.keySet()) {
            byGroup.computeIfAbsent(groups.getOrDefault(q, q), k -> new ArrayList<>()).add(q);
        }
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : byGroup.entrySet()) {
            List<String> names = g.getValue().subList(0, Math.min(g.getValue().size(), MAX_ROWS_PER_GROUP));
            for (int part = 0; part * ROWS_PER_FILE < names.size(); part++) {
                List<String> rows = names.subList(part * ROWS_PER_FILE, Math.min(names.size(), (part + 1) * ROWS_PER_FILE));
                List<XYChart> charts = new ArrayList<>();
                for (String q : rows) {
                    double[][] d = draws.get(q);
                    charts.add(trace(q, d));
                    charts.add(density(q, d));
                }
                Path file = dir.resolve(fileName(g.getKey()) + (part == 0 ? "" : "-" + (part + 1)) + ".png");
                try (OutputStream os = Files.newOutputStream(file)) {
                    BitmapEncoder.saveBitmap(charts, rows.size(), 2, os, BitmapEncoder.BitmapFormat.PNG);
                }
                out.add(file);
            }
        }
        return out;
    }

    /** A file name made of the group's name (characters other than letters, digits, - and _ become _). */
    static String fileName(String group) {
        return group.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static XYChart chart(String title, String xTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setSeriesColors(CHAIN_COLORS);
        c.getStyler().setChartPadding(4);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setAxisTitlesVisible(false);
        return c;
    }

    private static XYChart trace(String name, double[][] draws) {
        int n = draws.length == 0 ? 0 : draws[0].length;
        XYChart c = chart(name + " (trace)", "draws 1 to " + n + " after warm-up");
        // XChart labels every few data points of a long x axis, which overlap: name the range instead
        c.getStyler().setXAxisTicksVisible(false);
        c.getStyler().setXAxisTitleVisible(true);
        for (int k = 0; k < draws.length; k++) {
            double[] x = new double[draws[k].length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            XYSeries s = c.addSeries("chain " + (k + 1), x, finite(draws[k]));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(0.6f);
        }
        return c;
    }

    private static XYChart density(String name, double[][] draws) {
        XYChart c = chart(name + " (density)", name);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] chain : draws) {
            for (double v : chain) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (int k = 0; k < draws.length; k++) {
            double[][] curve = Kde.curve(draws[k], lo, hi, 200);
            XYSeries s = c.addSeries("chain " + (k + 1), curve[0], curve[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1.2f);
        }
        return c;
    }

    private static double[] finite(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
