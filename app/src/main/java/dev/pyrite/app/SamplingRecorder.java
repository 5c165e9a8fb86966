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
 * A hook that keeps the reported quantities of every sampling iteration as it comes ({@link DrawQuantities})
 * and hands each iteration's rows to a {@link ChainCsvStream}, if any, which appends them to the CmdStan
 * CSVs. After a resume, {@link #backfill} computes the iterations the checkpoint already holds, the same way.
 */
final class SamplingRecorder implements Hook {
    private final DrawQuantities quantities;
    private final DataType dtype;
    private final ChainCsvStream csv;
    /** quantity -> chain -> values, growing by one value per chain and iteration. */
    private final Map<String, double[][]> values = new LinkedHashMap<>();
    private int draws;

    /** @param csv where rows go as they come, or null */
    SamplingRecorder(DrawQuantities quantities, DataType dtype, ChainCsvStream csv) {
        this.quantities = quantities;
        this.dtype = dtype;
        this.csv = csv;
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
        Map<String, double[]> v = add(q);
        if (csv != null) {
            csv.append(rows, v);
        }
    }

    /** Computes the first {@code n} draws of {@code samples} (those a checkpoint holds), as if they had just come. */
    void backfill(McmcSamples samples, int n) {
        int chains = samples.chains();
        int dimension = (int) samples.draws().size(2);
        double[] flat = samples.draws().castTo(DataType.DOUBLE).dup().data().asDouble();
        int perChain = samples.drawCount() * dimension;
        for (int i = 0; i < n; i++) {
            double[][] q = new double[chains][];
            for (int c = 0; c < chains; c++) {
                q[c] = Arrays.copyOfRange(flat, c * perChain + i * dimension, c * perChain + (i + 1) * dimension);
            }
            add(q);
        }
    }

    private Map<String, double[]> add(double[][] q) {
        Map<String, double[]> v = quantities.at(q);
        for (Map.Entry<String, double[]> e : v.entrySet()) {
            double[][] kept = values.computeIfAbsent(e.getKey(), k -> new double[q.length][16]);
            if (draws == kept[0].length) {
                for (int c = 0; c < kept.length; c++) {
                    kept[c] = Arrays.copyOf(kept[c], 2 * draws);
                }
            }
            for (int c = 0; c < q.length; c++) {
                kept[c][draws] = e.getValue()[c];
            }
        }
        draws++;
        return v;
    }

    /** The first {@code n} draws {@code [chain][draw]} of every quantity, in report order. */
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
