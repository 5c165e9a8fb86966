package dev.pyrite.handlers;

import dev.pyrite.distributions.Distribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lays out {@link Trace#formatShapes()}: labels right-aligned, batch dims right-aligned up to "|", event dims after. */
final class ShapeTable {
    private record Row(String label, List<String> batch, boolean bar, List<String> event) {
    }

    private ShapeTable() {
    }

    static String format(Trace trace) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Trace Shapes:", List.of(), false, List.of()));
        rows.add(new Row("Param Sites:", List.of(), false, List.of()));
        for (Message m : trace.sites()) {
            if (m.type == MessageType.PARAM) {
                rows.add(new Row(m.name, cells(m.tensorValue().shape()), false, List.of()));
            }
        }
        rows.add(new Row("Sample Sites:", List.of(), false, List.of()));
        for (Message m : trace.sites()) {
            if (m.isSubsample()) {
                Subsample s = (Subsample) m.distribution;
                rows.add(new Row(m.name + " plate", List.of(String.valueOf(s.subsampleSize())), true, List.of()));
            } else if (m.type == MessageType.SAMPLE || m.type == MessageType.FACTOR) {
                Distribution d = m.distribution;
                rows.add(new Row(m.name + (m.type == MessageType.FACTOR ? " factor" : " dist"), cells(d.batchShape()),
                        true, cells(d.eventShape())));
                if (m.type == MessageType.SAMPLE) {   // a factor's "value" is its log weight, shown as log_prob
                    rows.add(split("value", m.tensorValue().shape(), d.eventShape().length));
                }
                if (m.logProbComputed()) {
                    rows.add(new Row("log_prob", cells(m.scaledLogProb().shape()), true, List.of()));
                }
            } else if (m.type == MessageType.DETERMINISTIC) {
                rows.add(split(m.name + " value", m.tensorValue().shape(), 0));
            }
        }
        return layout(rows);
    }

    private static Row split(String label, long[] shape, int eventDims) {
        int b = Math.max(0, shape.length - eventDims);
        return new Row(label, cells(Arrays.copyOfRange(shape, 0, b)), true,
                cells(Arrays.copyOfRange(shape, b, shape.length)));
    }

    private static List<String> cells(long[] shape) {
        List<String> out = new ArrayList<>();
        for (long s : shape) {
            out.add(String.valueOf(s));
        }
        return out;
    }

    private static String layout(List<Row> rows) {
        int labelWidth = 0;
        int nb = 0;
        int ne = 0;
        for (Row r : rows) {
            labelWidth = Math.max(labelWidth, r.label.length());
            nb = Math.max(nb, r.batch.size());
            ne = Math.max(ne, r.event.size());
        }
        int[] bw = new int[nb];
        int[] ew = new int[ne];
        for (Row r : rows) {
            for (int i = 0; i < r.batch.size(); i++) {
                int col = nb - r.batch.size() + i;   // batch dims align on the right
                bw[col] = Math.max(bw[col], r.batch.get(i).length());
            }
            for (int i = 0; i < r.event.size(); i++) {
                ew[i] = Math.max(ew[i], r.event.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            StringBuilder line = new StringBuilder(pad(r.label, labelWidth, true));
            for (int col = 0; col < nb; col++) {
                int i = col - (nb - r.batch.size());
                line.append(' ').append(pad(i >= 0 ? r.batch.get(i) : "", bw[col], true));
            }
            if (r.bar) {
                line.append(" |");
                for (int i = 0; i < r.event.size(); i++) {
                    line.append(' ').append(pad(r.event.get(i), ew[i], false));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
