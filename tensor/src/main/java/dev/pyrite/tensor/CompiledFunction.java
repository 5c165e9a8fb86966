package dev.pyrite.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link TensorFunction} traced once per input signature (shapes and types) into a SameDiff graph,
 * optionally with the gradient of its first output (summed) with respect to chosen inputs, and then
 * replayed by a lean executor for every call.
 *
 * <pre>{@code
 * CompiledFunction f = CompiledFunction.withGradients(in -> new Tensor[]{in[0].square().sum()}, 0);
 * INDArray[] out = f.call(Nd4j.createFromArray(1.0, 2.0));  // out[0] = 5, out[1] = [2, 4]
 * }</pre>
 *
 * <p>The arrays returned by {@link #call} are reused by the next call with the same signature; copy
 * what you keep. A compiled function serves one thread at a time.
 */
public final class CompiledFunction {
    private final TensorFunction function;
    private final int[] wrt;
    /** The executor asked for, or null for {@link Executor#configured()} when a program is compiled. */
    private final Executor executor;
    private final Map<String, Program> programs = new ConcurrentHashMap<>();
    /** The last program used and the input shapes and types it was looked up with: most calls repeat them. */
    private Program lastProgram;
    private long[][] lastShapes;
    private DataType[] lastTypes;
    /** Copies of this function for the blocks of {@link #flatByRows} programs, one per block index. */
    private final List<CompiledFunction> blockFunctions = new ArrayList<>();

    private CompiledFunction(TensorFunction function, int[] wrt, Executor executor) {
        this.function = function;
        this.wrt = wrt.clone();
        this.executor = executor;
    }

    /** The same function run by {@code executor} (traced again, on its first call). */
    public CompiledFunction using(Executor executor) {
        return new CompiledFunction(function, wrt, executor);
    }

    /** The executor that runs the program for these inputs' signature (JVM or ND4J). */
    public Executor executor(INDArray... inputs) {
        return program(inputs).executor;
    }

    /** Compiles the outputs of {@code f} only. */
    public static CompiledFunction of(TensorFunction f) {
        return new CompiledFunction(f, new int[0], null);
    }

    /**
     * Compiles {@code f}'s outputs followed by the gradients of {@code sum(outputs[0])} with respect to
     * the inputs at positions {@code wrt}.
     */
    public static CompiledFunction withGradients(TensorFunction f, int... wrt) {
        return new CompiledFunction(f, wrt, null);
    }

    /** Runs the compiled program for these inputs (tracing it first if their signature is new). */
    public INDArray[] call(INDArray... inputs) {
        return program(inputs).call(inputs);
    }

    /**
     * This function bound to one input signature, called with flat {@code double[]} arrays (see
     * {@link FlatProgram}); every input has type {@code dataType}.
     */
    public FlatProgram flat(DataType dataType, long[]... inputShapes) {
        return new FlatProgram(this, dataType, inputShapes);
    }

    /**
     * {@link #flat}, for a function over independent rows: every input and output has the rows (the
     * chains) as its leading axis, and each output row is computed from the same row of the inputs only.
     * A call may then run in blocks of rows, each on its own thread (see {@link RowBlocks}: only on the
     * JVM executor, for large calls, and after a check on the first call that the blocks give the same
     * bits as the whole call). The system property {@code pyrite.threads} caps the threads (default the
     * available processors; 1 keeps every call on the caller's thread).
     *
     * <pre>{@code
     * FlatProgram p = CompiledFunction.withGradients(in -> new Tensor[]{potential.energy(in[0])}, 0)
     *         .flatByRows(DataType.DOUBLE, new long[]{chains, dimension});
     * }</pre>
     */
    public FlatProgram flatByRows(DataType dataType, long[]... inputShapes) {
        for (int i = 0; i < inputShapes.length; i++) {
            if (inputShapes[i].length == 0 || inputShapes[i][0] != inputShapes[0][0]) {
                throw new IllegalArgumentException("flatByRows: input " + i + " has shape "
                        + Arrays.toString(inputShapes[i]) + "; every input must lead with the "
                        + (inputShapes[0].length == 0 ? "rows" : inputShapes[0][0] + " rows") + " of input 0");
            }
        }
        return new FlatProgram(this, dataType, inputShapes, true);
    }

    /**
     * The copy of this function that runs block {@code index} of a {@link RowBlocks} call on the JVM
     * executor: its own traced programs, so that blocks on different threads share nothing mutable.
     * Shared by every row program of this function (the caller runs one at a time).
     */
    CompiledFunction blockFunction(int index) {
        while (blockFunctions.size() <= index) {
            blockFunctions.add(new CompiledFunction(function, wrt, Executor.JVM));
        }
        return blockFunctions.get(index);
    }

    /** The cost model's nanoseconds per call on the JVM executor for these inputs' program. */
    double jvmNanos(INDArray... inputs) {
        return program(inputs).jvmNanos;
    }

    /** Drops the program traced for these inputs' signature (a later call traces it again). */
    void forget(INDArray... inputs) {
        Program p = program(inputs);
        programs.values().remove(p);
        lastProgram = null;
    }

    /**
     * For {@link FlatProgram}: a runner of these inputs' program on flat arrays when the JVM executor
     * runs it (and no verification is asked for); otherwise a runner that answers null.
     */
    java.util.function.Function<double[][], double[][]> jvmRunner(INDArray[] inputs) {
        Program p = program(inputs);
        if (p.executor != Executor.JVM || Executor.verifying()) {
            return in -> null;
        }
        return p.jvm()::run;
    }

    /** True when the JVM executor runs these inputs' program as generated code (see {@link Executor}). */
    boolean isGenerated(INDArray... inputs) {
        Program p = program(inputs);
        return p.executor == Executor.JVM && p.jvm().isGenerated();
    }

    /** Generates the JVM executor's code for these inputs' program now (for tests). */
    void generateNow(INDArray... inputs) {
        program(inputs).jvm().generateNow();
    }

    /** Runs the same program with SameDiff's own executor: slow, used as a reference in tests. */
    public INDArray[] callWithSameDiff(INDArray... inputs) {
        Program p = program(inputs);
        Map<String, INDArray> ph = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            ph.put(p.inputNames.get(i), inputs[i]);
        }
        Map<String, INDArray> out = p.graph.sameDiff().output(ph, p.outputNames.toArray(new String[0]));
        INDArray[] r = new INDArray[p.outputNames.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(p.outputNames.get(i));
        }
        return r;
    }

    /** The traced SameDiff graph for these inputs' signature (for inspection or embedding). */
    public SameDiff sameDiff(INDArray... inputs) {
        return program(inputs).graph.sameDiff();
    }

    /** How many signatures have been traced so far. */
    public int traceCount() {
        return programs.size();
    }

    /** Number of ops the lean executor runs per call for these inputs' signature. */
    public int opCount(INDArray... inputs) {
        Program p = program(inputs);
        return p.executor == Executor.JVM ? p.jvm().opCount() : p.replay().opCount();
    }

    private Program program(INDArray[] inputs) {
        Program last = lastProgram;
        if (last != null && sameSignature(inputs)) {
            return last;
        }
        StringBuilder key = new StringBuilder();
        for (INDArray a : inputs) {
            key.append(a.dataType()).append(Arrays.toString(a.shape())).append(';');
        }
        Program p = programs.computeIfAbsent(key.toString(), k -> trace(inputs));
        long[][] shapes = new long[inputs.length][];
        DataType[] types = new DataType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
            types[i] = inputs[i].dataType();
        }
        lastShapes = shapes;
        lastTypes = types;
        lastProgram = p;
        return p;
    }

    private boolean sameSignature(INDArray[] inputs) {
        long[][] shapes = lastShapes;
        if (shapes.length != inputs.length) {
            return false;
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dataType() != lastTypes[i] || !Arrays.equals(inputs[i].shape(), shapes[i])) {
                return false;
            }
        }
        return true;
    }

    private Program trace(INDArray[] inputs) {
        Graph g = new Graph();
        Tensor[] in = new Tensor[inputs.length];
        List<String> inputNames = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            boolean diff = contains(wrt, i);
            DataType dt = inputs[i].dataType();
            if (diff && !dt.isFPType()) {
                throw new IllegalArgumentException("input " + i + " is differentiated but has type " + dt);
            }
            in[i] = g.placeholder("in" + i, dt, inputs[i].shape(), diff);
            inputNames.add("in" + i);
        }
        Tensor[] out = function.apply(in);
        List<Tensor> results = new ArrayList<>(Arrays.asList(out));
        if (wrt.length > 0) {
            Tensor[] targets = new Tensor[wrt.length];
            for (int i = 0; i < wrt.length; i++) {
                targets[i] = in[wrt[i]];
            }
            results.addAll(Arrays.asList(Autodiff.gradients(out[0], targets)));
        }
        List<String> outputNames = new ArrayList<>();
        for (Tensor t : results) {
            // Outputs that are concrete (independent of every input) become graph constants.
            Tensor traced = t.isTraced() ? t : Tensor.apply("identity", new Tensor[]{t, in[0]}, t.shape(), t.dtype(),
                    a -> a[0], v -> v[1].getSameDiff().identity(v[0]), null);
            outputNames.add(traced.variable().name());
        }
        double[] estimate = JvmProgram.estimate(g, outputNames);
        Executor chosen = (executor == null ? Executor.configured() : executor).resolve(estimate[0], estimate[1]);
        return new Program(g, inputNames, outputNames, inputs, chosen, describe(), estimate[0]);
    }

    /** What the program is, for log messages: the traced function's class. */
    String describe() {
        return "compiled " + function.getClass().getName();
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    /** One traced signature and the executor that runs it; the other executor is built only to verify. */
    private static final class Program {
        final Graph graph;
        final List<String> inputNames;
        final List<String> outputNames;
        final Executor executor;
        /** The cost model's nanoseconds per call on the JVM executor. */
        final double jvmNanos;
        private final String name;
        private final INDArray[] exampleInputs;
        private GraphReplay replay;
        private JvmProgram jvm;
        private double[][] jvmInputs;
        private INDArray[] jvmOutputs;

        Program(Graph graph, List<String> inputNames, List<String> outputNames, INDArray[] exampleInputs,
                Executor executor, String name, double jvmNanos) {
            this.graph = graph;
            this.jvmNanos = jvmNanos;
            this.inputNames = inputNames;
            this.outputNames = outputNames;
            this.exampleInputs = new INDArray[exampleInputs.length];
            for (int i = 0; i < exampleInputs.length; i++) {
                this.exampleInputs[i] = exampleInputs[i].dup('c');
            }
            this.executor = executor;
            this.name = name;
        }

        GraphReplay replay() {
            if (replay == null) {
                replay = new GraphReplay(graph, inputNames, outputNames, exampleInputs);
            }
            return replay;
        }

        JvmProgram jvm() {
            if (jvm == null) {
                jvm = new JvmProgram(graph, inputNames, outputNames);
                jvmInputs = new double[inputNames.size()][];
                for (int i = 0; i < jvmInputs.length; i++) {
                    jvmInputs[i] = new double[jvm.inputSize(i)];
                }
                jvmOutputs = new INDArray[outputNames.size()];
            }
            return jvm;
        }

        INDArray[] call(INDArray[] inputs) {
            if (executor == Executor.ND4J && !Executor.verifying()) {
                return replay().run(inputs);
            }
            JvmProgram p = jvm();
            for (int i = 0; i < inputs.length; i++) {
                FlatArrays.read(inputs[i], jvmInputs[i]);
            }
            double[][] out = p.run(jvmInputs);
            if (Executor.verifying()) {
                INDArray[] reference = replay().run(inputs);
                for (int i = 0; i < out.length; i++) {
                    ExecutorCheck.compare(name, i, p.outputType(i), out[i],
                            reference[i].castTo(DataType.DOUBLE).dup('c').data().asDouble(), p.computationScale(i));
                }
                if (executor == Executor.ND4J) {
                    return reference;
                }
            }
            for (int i = 0; i < out.length; i++) {
                if (jvmOutputs[i] == null) {
                    jvmOutputs[i] = Nd4j.create(p.outputType(i), p.outputShape(i), 'c');
                }
                FlatArrays.write(out[i], jvmOutputs[i]);
            }
            return jvmOutputs;
        }
    }
}
