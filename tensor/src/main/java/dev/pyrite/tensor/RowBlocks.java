package dev.pyrite.tensor;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call over independent rows (the chains of a batched potential) run as k blocks of consecutive rows,
 * each a vectorised call of its own JVM program traced for that block's rows, on its own thread: the
 * caller's for block 0, the shared {@link BlockThreads} pool's for the others. Each block reads its rows
 * of the inputs and writes its rows of the outputs, so the caller sees one call's arrays.
 *
 * <p>Blocks are planned only when they pay and give the same bits ({@link #plan}): the whole call must
 * run on the JVM executor (libnd4j threads its own ops), the cost model must put each block at
 * {@link #MIN_NANOS_PER_BLOCK} or more, and on the first call every block's rows must equal, bit for
 * bit, the rows of the whole program run on the same inputs. A function that couples its rows (a sum
 * over chains) fails that check and stays one call on one thread. The JVM kernels compute a row the
 * same way whatever the number of rows (their loops and reductions run in the same order per row, and
 * small products never go to BLAS by row count alone), which is why the blocks agree.
 */
final class RowBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(RowBlocks.class);
    /** Fewest rows in a block: fewer would not be a vectorised call worth a thread. */
    static final int MIN_ROWS_PER_BLOCK = 8;
    /**
     * Fewest cost-model nanoseconds per block: two blocks need a whole call of 500 us (logistic
     * regression from about 32 chains, the enumerated mixture from 16, eight schools from about 3000).
     * Measured on the project's 2-core machine with a core free (JMH, 2026-12-05): two blocks took a
     * NUTS slot of 1000 chains from 41.9 to 21.6 ms on logistic regression and from 85 to 50 ms on the
     * mixture, and 64 chains from 2.0 to 1.07 ms and 4.4 to 2.2 ms; but eight schools' slot of 1000
     * chains (a 107 us call) went from 0.6 to 0.7-1.1 ms: waking the pooled thread and waiting for it
     * costs more than half of such a call. A block gets the call's second half only where that half
     * is long against the wake-up.
     */
    static final double MIN_NANOS_PER_BLOCK = 250_000;

    private final FlatProgram[] blocks;
    private final int[] firstRow;
    private final int[] rowCount;
    /** Elements per row of each input and each output. */
    private final int[] inputRow;
    private final int[] outputRow;
    /** Each block's own copy of its input rows: {@code [block][input]}. */
    private final double[][][] blockInputs;
    private final double[][] outputs;
    private final Runnable[] tasks;
    private final Future<?>[] pending;
    /** The inputs of the call in progress (published to the pool's threads by their submission). */
    private double[][] current;

    private RowBlocks(FlatProgram[] blocks, int[] firstRow, int[] rowCount, int[] inputRow, int[] outputRow,
                      int rows) {
        this.blocks = blocks;
        this.firstRow = firstRow;
        this.rowCount = rowCount;
        this.inputRow = inputRow;
        this.outputRow = outputRow;
        int k = blocks.length;
        this.blockInputs = new double[k][inputRow.length][];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < inputRow.length; i++) {
                blockInputs[j][i] = new double[rowCount[j] * inputRow[i]];
            }
        }
        this.outputs = new double[outputRow.length][];
        for (int o = 0; o < outputRow.length; o++) {
            outputs[o] = new double[rows * outputRow[o]];
        }
        this.tasks = new Runnable[k];
        for (int j = 0; j < k; j++) {
            int block = j;
            tasks[j] = () -> runBlock(block);
        }
        this.pending = new Future<?>[k];
    }

    /**
     * The blocks for a call of {@code function} over {@code shapes} (every input leading with the rows),
     * or null when the call should stay whole: one thread configured, a program that
     * libnd4j runs, too few rows or nanoseconds for two blocks, outputs that do not lead with the rows,
     * or blocks that differ from the whole call on the first inputs {@code in}.
     *
     * @param signature arrays of the call's input shapes and type, to look the whole program up
     */
    static RowBlocks plan(CompiledFunction function, DataType dataType, long[][] shapes, INDArray[] signature,
                          double[][] in) {
        int threads = BlockThreads.configured();
        if (threads < 2) {
            return null;
        }
        int rows = (int) shapes[0][0];
        if (function.executor(signature) != Executor.JVM) {
            return null;
        }
        double nanos = function.jvmNanos(signature);
        int k = (int) Math.min(threads, Math.min(rows / MIN_ROWS_PER_BLOCK, nanos / MIN_NANOS_PER_BLOCK));
        if (k < 2) {
            return null;
        }
        // The whole call on these inputs, as one thread would make it: the reference the blocks must match.
        double[][] whole = copy(function.flat(dataType, shapes).run(in));
        function.forget(signature);
        int[] outputRow = new int[whole.length];
        for (int o = 0; o < whole.length; o++) {
            outputRow[o] = whole[o].length / rows;
            if (outputRow[o] * rows != whole[o].length) {
                LOG.debug("{}: output {} has {} elements, not a row each of {} rows; one thread",
                        function.describe(), o, whole[o].length, rows);
                return null;
            }
        }
        int[] firstRow = new int[k];
        int[] rowCount = new int[k];
        for (int j = 0, start = 0; j < k; j++) {
            rowCount[j] = rows / k + (j < rows % k ? 1 : 0);
            firstRow[j] = start;
            start += rowCount[j];
        }
        int[] inputRow = new int[shapes.length];
        FlatProgram[] programs = new FlatProgram[k];
        for (int j = 0; j < k; j++) {
            long[][] blockShapes = new long[shapes.length][];
            for (int i = 0; i < shapes.length; i++) {
                blockShapes[i] = shapes[i].clone();
                blockShapes[i][0] = rowCount[j];
                inputRow[i] = (int) (IndexMaps.size(shapes[i]) / rows);
            }
            programs[j] = function.blockFunction(j).flat(dataType, blockShapes);
        }
        RowBlocks b = new RowBlocks(programs, firstRow, rowCount, inputRow, outputRow, rows);
        // Traced and checked on this thread: a model is traced by one thread at a time.
        b.current = in;
        try {
            for (int j = 0; j < k; j++) {
                b.runBlock(j);
            }
        } catch (IllegalStateException e) {
            LOG.warn("{}: its rows cannot run in blocks, so it runs on one thread", function.describe(), e);
            return null;
        } finally {
            b.current = null;
        }
        for (int o = 0; o < whole.length; o++) {
            int at = mismatch(whole[o], b.outputs[o]);
            if (at >= 0) {
                LOG.warn("{}: rows computed in {} blocks differ from the whole call (output {}, row {}: {} vs {});"
                                + " its rows are not independent, so it runs on one thread",
                        function.describe(), k, o, at / outputRow[o], b.outputs[o][at], whole[o][at]);
                return null;
            }
        }
        LOG.debug("{}: {} rows in {} blocks {} on {} threads (cost model {} us per call)", function.describe(),
                rows, k, Arrays.toString(rowCount), k, Math.round(nanos / 1000));
        return b;
    }

    /** The number of blocks. */
    int count() {
        return blocks.length;
    }

    /** One call: blocks 1..k-1 on the pool, block 0 here; returns when every block has written its rows. */
    double[][] run(double[][] in) {
        current = in;
        int k = blocks.length;
        for (int j = 1; j < k; j++) {
            pending[j] = BlockThreads.pool().submit(tasks[j]);
        }
        Throwable failure = null;
        try {
            runBlock(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (int j = 1; j < k; j++) {
            // Wait for every block even after a failure or an interrupt: they write into our arrays.
            while (true) {
                try {
                    pending[j].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
            pending[j] = null;
        }
        current = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return outputs;
    }

    /** Block {@code j}: its rows of {@link #current} in, its rows of the outputs out. */
    private void runBlock(int j) {
        double[][] in = current;
        double[][] mine = blockInputs[j];
        for (int i = 0; i < mine.length; i++) {
            System.arraycopy(in[i], firstRow[j] * inputRow[i], mine[i], 0, mine[i].length);
        }
        double[][] out = blocks[j].run(mine);
        for (int o = 0; o < out.length; o++) {
            int n = rowCount[j] * outputRow[o];
            if (out[o].length != n) {
                throw new IllegalStateException("block " + j + " of " + rowCount[j] + " rows: output " + o + " has "
                        + out[o].length + " elements, expected " + n);
            }
            System.arraycopy(out[o], 0, outputs[o], firstRow[j] * outputRow[o], n);
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The first index where the two differ in their bits (NaNs of any payload agree), or -1. */
    private static int mismatch(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                return i;
            }
        }
        return -1;
    }
}
