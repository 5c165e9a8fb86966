package dev.pyrite.app;

import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CmdStan CSVs of an MCMC run ({@code <model>_<chain>.csv}, see {@link CmdStanCsv}), appended a row
 * per chain as each sampling iteration comes and flushed, so that a killed run leaves every draw up to
 * its last iteration on disk. The head (configuration, header row, adaptation) is written with the first
 * draw, when warm-up has ended; the elapsed times by {@link #finish}. A resumed run first cuts each file
 * back to the draws its checkpoint holds ({@link #resumed}), then appends: the finished files are those of
 * a run that was never stopped, apart from the timing comments.
 */
final class ChainCsvStream implements AutoCloseable {
    private final Path dir;
    private final ModelInfo model;
    private final RunSettings settings;
    private final Supplier<McmcSamples> adaptation;
    private final List<BufferedWriter> writers = new ArrayList<>();
    private boolean headWritten;

    private ChainCsvStream(Path dir, ModelInfo model, RunSettings settings, Supplier<McmcSamples> adaptation,
                           boolean headWritten) {
        this.dir = dir;
        this.model = model;
        this.settings = settings;
        this.adaptation = adaptation;
        this.headWritten = headWritten;
    }

    /**
     * A stream that continues the files in {@code dir} after their first {@code draws} rows (the rest is
     * cut); with {@code draws = 0} it starts afresh (old files of the same names are removed).
     *
     * @param adaptation the run's samples so far, read once, at the first draw, for the adapted step sizes
     *                   and metrics of the head
     */
    static ChainCsvStream resumed(Path dir, ModelInfo model, RunSettings settings, Supplier<McmcSamples> adaptation,
                                  int draws) {
        try {
            Files.createDirectories(dir);
            for (int c = 0; c < settings.chains(); c++) {
                Path f = CmdStanCsv.file(dir, model.name(), c + 1);
                if (draws == 0) {
                    Files.deleteIfExists(f);
                } else {
                    cutAfterDraws(f, draws);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CmdStan CSVs in " + dir + ": " + e.getMessage(), e);
        }
        return new ChainCsvStream(dir, model, settings, adaptation, draws > 0);
    }

    /** Cuts {@code file} after its header row and {@code draws} draw rows (comment lines kept in between). */
    static void cutAfterDraws(Path file, int draws) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + ": missing, but the checkpoint holds " + draws + " draws of it");
        }
        byte[] bytes = Files.readAllBytes(file);
        int rows = -1;   // the header row is not a draw
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (bytes[lineStart] != '#') {
                rows++;
            }
            lineStart = i + 1;
            if (rows == draws) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(lineStart);
                }
                return;
            }
        }
        throw new IllegalStateException(file + ": " + Math.max(0, rows) + " complete draw rows, but the checkpoint"
                + " holds " + draws + " (was the file changed?)");
    }

    /** Appends one iteration: {@code rows.get(c)} and the quantities' values of chain c, to file c. */
    void append(List<DrawRow> rows, Map<String, double[]> values) {
        try {
            if (writers.isEmpty()) {
                open(values);
            }
            double[] v = new double[values.size()];
            for (int c = 0; c < rows.size(); c++) {
                int k = 0;
                for (double[] q : values.values()) {
                    v[k++] = q[c];
                }
                BufferedWriter w = writers.get(c);
                w.write(CmdStanCsv.row(rows.get(c), v));
                w.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CmdStan CSVs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void open(Map<String, double[]> values) throws IOException {
        McmcSamples adapted = headWritten ? null : adaptation.get();
        for (int c = 0; c < settings.chains(); c++) {
            Path f = CmdStanCsv.file(dir, model.name(), c + 1);
            BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            writers.add(w);
            if (!headWritten) {
                CmdStanCsv.writeLines(w, CmdStanCsv.head(model, settings, adapted.inverseMass().rank() == 3, c,
                        values.keySet(), adapted.adaptedStepSize().getDouble(c), CmdStanCsv.inverseMass(adapted, c)));
            }
        }
        headWritten = true;
    }

    /** Writes the elapsed times under the last draw of every file and closes them. */
    void finish(double warmupSeconds, double samplingSeconds) {
        try {
            if (writers.isEmpty() && headWritten) {
                open(null);   // resumed from the last checkpoint of a finished run: only the times are missing
            }
            for (BufferedWriter w : writers) {
                CmdStanCsv.writeLines(w, CmdStanCsv.footer(warmupSeconds, samplingSeconds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CmdStan CSVs in " + dir + ": " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        for (BufferedWriter w : writers) {
            try {
                w.close();
            } catch (IOException e) {
                // closing after a failure: the first error is the one to report
            }
        }
        writers.clear();
    }
}
