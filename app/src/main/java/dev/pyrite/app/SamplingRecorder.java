package dev.pyrite.app;

import dev.pyrite.inference.mcmc.ChainIteration;
import dev.pyrite.inference.mcmc.Hook;
import dev.pyrite.inference.mcmc.IterationDraws;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A hook that keeps the reported quantities of every sampling iteration ({@link DrawQuantities}) and hands
 * their rows to a {@link ChainCsvStream}, if any, which appends them to the CmdStan CSVs.
 *
 * <p>The quantities are computed in blocks of {@value #BLOCK} iterations, all chains together, at fixed
 * draw indices (0-99, 100-199, ...; the last block is what is left when the run ends): one vectorised
 * evaluation of the model per block instead of one per iteration, and a draw's numbers do not depend on
 * when it was computed, because a block is always the same rows. So a resumed run, which cuts the CSVs
 * back to the last whole block its checkpoint holds ({@link #wholeBlocks}) and computes the rest again
 * ({@link #backfill}), writes exactly what an uninterrupted run writes.
 */
final class SamplingRecorder implements Hook {
    /** Iterations computed and written together. */
    static final int BLOCK = 100;
    private final DrawQuantities quantities;
    private final DataType dtype;
    private final ChainCsvStream csv;
    /** quantity -> chain -> values, growing by one value per chain and iteration. */
    private final Map<String, double[][]> values = new LinkedHashMap<>();
    private int draws;
    /** The current block's positions {@code [iteration][chain][D]} and sampler columns, not yet computed. */
    private final List<double[][]> pendingPositions = new ArrayList<>();
    private final List<List<DrawRow>> pendingRows = new ArrayList<>();

    /** @param csv where rows go as their blocks complete, or null */
    SamplingRecorder(DrawQuantities quantities, DataType dtype, ChainCsvStream csv) {
        this.quantities = quantities;
        this.dtype = dtype;
        this.csv = csv;
    }

    /** The draws of the whole blocks among the first {@code n}: what the CSVs hold when a checkpoint of n was taken. */
    static int wholeBlocks(int n) {
        return n - n % BLOCK;
    }

    @Override
    public void onIteration(IterationDraws it) {
        if (it.warmup()) {
            return;
        }
        List<ChainIteration> chains = it.chains();
        double[][] q = new double[chains.size()][];
        List<DrawRow> rows = new ArrayList<>(chains.size());
        for (ChainIteration c : chains) {
            double[] p = c.position().clone();
            for (int d = 0; d < p.length; d++) {
                p[d] = DrawRow.round(p[d], dtype);
            }
            q[c.chain()] = p;
            rows.add(DrawRow.of(c, dtype));
        }
        pend(q, rows, true);
    }

    /**
     * After a resume: the first {@code n} draws of {@code samples} (those the checkpoint holds), as if they
     * had just come; the whole blocks' rows are already in the CSVs, the rest are written with their block.
     */
    void backfill(McmcSamples samples, int n) {
        int chains = samples.chains();
        int dimension = (int) samples.draws().size(2);
        double[] flat = samples.draws().castTo(DataType.DOUBLE).dup().data().asDouble();
        int perChain = samples.drawCount() * dimension;
        int written = wholeBlocks(n);
        for (int i = 0; i < n; i++) {
            double[][] q = new double[chains][];
            List<DrawRow> rows = new ArrayList<>(chains);
            for (int c = 0; c < chains; c++) {
                q[c] = Arrays.copyOfRange(flat, c * perChain + i * dimension, c * perChain + (i + 1) * dimension);
                rows.add(DrawRow.of(samples, c, i));
            }
            pend(q, rows, i >= written);
        }
    }

    /** Computes and writes what is left of the last block: call once the run has made its last draw. */
    void finish() {
        flush(true);
    }

    private boolean writePending;

    private void pend(double[][] q, List<DrawRow> rows, boolean write) {
        if (pendingPositions.isEmpty()) {
            writePending = write;
        }
        pendingPositions.add(q);
        pendingRows.add(rows);
        if (pendingPositions.size() == BLOCK) {
            flush(writePending);
        }
    }

    /** One evaluation for the block's iterations x chains rows, then each iteration's values and CSV rows. */
    private void flush(boolean write) {
        int n = pendingPositions.size();
        if (n == 0) {
            return;
        }
        int chains = pendingPositions.get(0).length;
        double[][] all = new double[n * chains][];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pendingPositions.get(i), 0, all, i * chains, chains);
        }
        Map<String, double[]> block = quantities.at(all);
        for (int i = 0; i < n; i++) {
            Map<String, double[]> v = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : block.entrySet()) {
                v.put(e.getKey(), Arrays.copyOfRange(e.getValue(), i * chains, (i + 1) * chains));
            }
            add(v, chains);
            if (csv != null && write) {
                csv.append(pendingRows.get(i), v);
            }
        }
        pendingPositions.clear();
        pendingRows.clear();
    }

    private void add(Map<String, double[]> v, int chains) {
        for (Map.Entry<String, double[]> e : v.entrySet()) {
            double[][] kept = values.computeIfAbsent(e.getKey(), k -> new double[chains][16]);
            if (draws == kept[0].length) {
                for (int c = 0; c < kept.length; c++) {
                    kept[c] = Arrays.copyOf(kept[c], 2 * draws);
                }
            }
            for (int c = 0; c < chains; c++) {
                kept[c][draws] = e.getValue()[c];
            }
        }
        draws++;
    }

    /** The first {@code n} draws {@code [chain][draw]} of every quantity, in report order (after {@link #finish}). */
    Map<String, double[][]> draws(int n) {
        if (n > draws) {
            throw new IllegalStateException("recorded " + draws + " draws per chain, asked for " + n);
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : values.entrySet()) {
            double[][] byChain = new double[e.getValue().length][];
            for (int c = 0; c < byChain.length; c++) {
                byChain[c] = Arrays.copyOf(e.getValue()[c], n);
            }
            out.put(e.getKey(), byChain);
        }
        return out;
    }
}
