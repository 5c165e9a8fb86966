package dev.pyrite.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compiled program bound to one input signature, called with flat row-major {@code double[]} arrays:
 * the form a sampler keeps its per-chain state in. Values are exact float64 values; with a float32
 * signature the program computes in float32 and its outputs are float32 values widened to double.
 *
 * <pre>{@code
 * FlatProgram p = CompiledFunction.withGradients(in -> new Tensor[]{in[0].square().sum()}, 0)
 *         .flat(DataType.DOUBLE, new long[]{2});
 * double[][] out = p.run(new double[]{1, 2});   // out[0] = {5}, out[1] = {2, 4}
 * }</pre>
 *
 * <p>The returned arrays belong to the program and are overwritten by the next call; the inputs are
 * only read. One program serves one thread at a time (a program over independent rows, from
 * {@link CompiledFunction#flatByRows}, may itself run its blocks of rows on several).
 */
public final class FlatProgram {
    private final CompiledFunction function;
    private final DataType dataType;
    private final long[][] inputShapes;
    private final INDArray[] inputs;
    private double[][] outputs;
    /** Runs the JVM program on the arrays themselves, or answers null when libnd4j runs this program. */
    private java.util.function.Function<double[][], double[][]> direct;
    /** Whether the rows are independent ({@link CompiledFunction#flatByRows}): calls may run in blocks. */
    private final boolean byRows;
    /** Decided on the first call of a row program: its blocks, or null for one call on this thread. */
    private RowBlocks blocks;
    private boolean planned;

    FlatProgram(CompiledFunction function, DataType dataType, long[][] inputShapes) {
        this(function, dataType, inputShapes, false);
    }

    FlatProgram(CompiledFunction function, DataType dataType, long[][] inputShapes, boolean byRows) {
        this.byRows = byRows;
        this.function = function;
        this.dataType = dataType;
        this.inputShapes = new long[inputShapes.length][];
        this.inputs = new INDArray[inputShapes.length];
        for (int i = 0; i < inputShapes.length; i++) {
            this.inputShapes[i] = inputShapes[i].clone();
            this.inputs[i] = Nd4j.create(dataType, inputShapes[i]);
        }
    }

    /** Runs the program; {@code in[i]} holds input i's elements in row-major order. */
    public double[][] run(double[]... in) {
        if (in.length != inputs.length) {
            throw new IllegalArgumentException("program takes " + inputs.length + " inputs, got " + in.length);
        }
        for (int i = 0; i < in.length; i++) {
            if (in[i].length != inputs[i].length()) {
                throw new IllegalArgumentException("input " + i + ": expected " + inputs[i].length()
                        + " values for shape " + Arrays.toString(inputShapes[i]) + ", got " + in[i].length);
            }
        }
        if (byRows && !planned) {
            planned = true;
            blocks = RowBlocks.plan(function, dataType, inputShapes, inputs, in);
        }
        if (blocks != null) {
            return blocks.run(in);
        }
        if (direct == null) {
            direct = function.jvmRunner(inputs);
        }
        double[][] jvm = direct.apply(in);
        if (jvm != null) {
            return jvm;
        }
        // libnd4j's path: copy through the buffers allocated once (per-call allocation showed as 12% of
        // the native samples of a 1000-chain model B profile).
        for (int i = 0; i < in.length; i++) {
            FlatArrays.write(in[i], inputs[i]);
        }
        INDArray[] out = function.call(inputs);
        if (outputs == null) {
            outputs = new double[out.length][];
        }
        for (int i = 0; i < out.length; i++) {
            if (outputs[i] == null || outputs[i].length != out[i].length()) {
                outputs[i] = new double[(int) out[i].length()];
            }
            FlatArrays.read(out[i], outputs[i]);
        }
        return outputs;
    }

    /**
     * The number of blocks of rows each call runs in, one thread each: 1 for one call on the caller's
     * thread (always before the first call, and for programs made by {@link CompiledFunction#flat}).
     */
    public int blockCount() {
        return blocks == null ? 1 : blocks.count();
    }
}
