package dev.pyrite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A traced program compiled for the JVM: every value is a flat row-major {@code double[]} slot (integer
 * and boolean values are exact in a double), every op a {@link JvmKernel} whose shapes, broadcasts and
 * index tables were resolved here, once. A call runs the kernels in order with no allocation; float32
 * values are rounded to float after every op, so results follow float32 arithmetic op by op.
 *
 * <p>Not thread-safe: one program serves one thread at a time. The arrays {@link #run} returns belong to
 * the program and are overwritten by the next call.
 */
final class JvmProgram {
    private final double[][] slots;
    private final int[] inputSlots;
    private final boolean[] inputIsFloat32;
    private final double[][] ownInputs;
    private final JvmKernel[] kernels;
    private final String[] kernelNames;
    private final int[][] kernelReads;
    private final int[] floatOutputs;     // kernels whose output is float32: slot to round, or -1
    private final int[] floatSizes;
    private final int[] outputSlots;
    private final int[][] outputCones;
    private final long[][] outputShapes;
    private final DataType[] outputTypes;
    private final double[][] results;
    /**
     * Interpreted time, by the cost model, after which the program is generated as Java code (see
     * {@link JvmCodegen}), as a JIT compiles hot code only: generating costs tens of milliseconds of
     * another thread (hundreds the first time, while Janino loads) and saves about half of each call,
     * so a short run of a small model (eight schools: 1-2 us per call) is better off without it.
     */
    static final double CODEGEN_AFTER_NANOS = 0.5e9;
    private final long codegenAfterCalls;
    private long calls;
    private java.util.function.Consumer<double[][]> generated;
    /** The generated program being compiled on another thread; the kernels run until it is ready. */
    private java.util.concurrent.CompletableFuture<java.util.function.Consumer<double[][]>> pending;

    JvmProgram(Graph graph, List<String> inputNames, List<String> outputNames) {
        Map<String, Integer> slotOf = new HashMap<>();
        List<double[]> slotList = new ArrayList<>();
        inputSlots = new int[inputNames.size()];
        inputIsFloat32 = new boolean[inputSlots.length];
        ownInputs = new double[inputSlots.length][];
        for (int i = 0; i < inputSlots.length; i++) {
            String name = inputNames.get(i);
            int size = IndexMaps.size(graph.shapeOf(name));
            inputSlots[i] = slotList.size();
            inputIsFloat32[i] = isFloat32(graph.typeOf(name));
            ownInputs[i] = new double[size];
            slotList.add(ownInputs[i]);
            slotOf.put(name, inputSlots[i]);
        }
        List<JvmKernel> kernelList = new ArrayList<>();
        List<String> nameList = new ArrayList<>();
        List<int[]> readList = new ArrayList<>();
        // The computed values (not constants) each value depends on, to scale verification tolerances.
        Map<Integer, java.util.BitSet> cones = new HashMap<>();
        for (int i = 0; i < inputSlots.length; i++) {
            java.util.BitSet c = new java.util.BitSet();
            c.set(inputSlots[i]);
            cones.put(inputSlots[i], c);
        }
        List<Integer> rounding = new ArrayList<>();
        List<Integer> roundingSize = new ArrayList<>();
        for (OpNode node : neededOps(graph, outputNames)) {
            int[] in = new int[node.inputs().length];
            long[][] inShapes = new long[in.length][];
            for (int i = 0; i < in.length; i++) {
                String arg = node.inputs()[i];
                Integer s = slotOf.get(arg);
                if (s == null) {
                    INDArray c = graph.constantValue(arg);
                    if (c == null) {
                        throw new IllegalStateException("JVM executor: no value for '" + arg + "' read by " + node.op());
                    }
                    s = slotList.size();
                    slotList.add(c.castTo(DataType.DOUBLE).dup('c').data().asDouble());
                    slotOf.put(arg, s);
                }
                in[i] = s;
                inShapes[i] = graph.shapeOf(arg);
            }
            if ("reshape".equals(node.op())) {
                slotOf.put(node.output(), in[0]);   // row-major values need no copy
                continue;
            }
            int out = slotList.size();
            slotList.add(new double[IndexMaps.size(node.shape())]);
            slotOf.put(node.output(), out);
            java.util.BitSet cone = new java.util.BitSet();
            cone.set(out);
            for (int i = 0; i < in.length; i++) {
                java.util.BitSet c = cones.get(in[i]);
                if (c != null) {
                    cone.or(c);
                }
            }
            cones.put(out, cone);
            JvmKernel k = kernel(node, in, inShapes, out, graph);
            kernelList.add(k);
            readList.add(in);
            nameList.add(node.op() + Shapes.format(node.shape()));
            boolean round = isFloat32(node.dtype());
            rounding.add(round ? out : -1);
            roundingSize.add(round ? IndexMaps.size(node.shape()) : 0);
        }
        outputSlots = new int[outputNames.size()];
        outputShapes = new long[outputSlots.length][];
        outputCones = new int[outputSlots.length][];
        outputTypes = new DataType[outputSlots.length];
        for (int i = 0; i < outputSlots.length; i++) {
            String name = outputNames.get(i);
            Integer s = slotOf.get(name);
            if (s == null) {
                INDArray c = graph.constantValue(name);
                if (c == null) {
                    throw new IllegalStateException("JVM executor: output '" + name + "' is not computed");
                }
                s = slotList.size();
                slotList.add(c.castTo(DataType.DOUBLE).dup('c').data().asDouble());
            }
            outputSlots[i] = s;
            outputCones[i] = cones.getOrDefault(s, new java.util.BitSet()).stream().toArray();
            outputShapes[i] = graph.shapeOf(name);
            outputTypes[i] = graph.typeOf(name);
        }
        slots = slotList.toArray(new double[0][]);
        kernels = kernelList.toArray(new JvmKernel[0]);
        kernelNames = nameList.toArray(new String[0]);
        kernelReads = readList.toArray(new int[0][]);
        floatOutputs = rounding.stream().mapToInt(Integer::intValue).toArray();
        floatSizes = roundingSize.stream().mapToInt(Integer::intValue).toArray();
        results = new double[outputSlots.length][];
        codegenAfterCalls = Math.max(16, (long) (CODEGEN_AFTER_NANOS / Math.max(1.0, estimate(graph, outputNames)[0])));
    }

    private static boolean isFloat32(DataType t) {
        return t == DataType.FLOAT || t == DataType.HALF || t == DataType.BFLOAT16;
    }

    /**
     * Runs the program. Float64 and integer inputs are read in place (not copied); float32 inputs are
     * copied and rounded to float.
     */
    double[][] run(double[]... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputIsFloat32[i]) {
                double[] own = ownInputs[i];
                double[] src = inputs[i];
                for (int j = 0; j < own.length; j++) {
                    own[j] = (float) src[j];
                }
                slots[inputSlots[i]] = own;
            } else {
                slots[inputSlots[i]] = inputs[i];
            }
        }
        double[][] s = slots;
        if (pending != null && pending.isDone()) {
            try {
                generated = pending.join();
            } catch (java.util.concurrent.CompletionException e) {
                // The interpreted kernels are the reference: a program the generator cannot compile runs
                // on them (and the failure is a bug to report, not a reason to stop a run).
                org.slf4j.LoggerFactory.getLogger(JvmProgram.class)
                        .warn("JVM executor: code generation failed, the program stays interpreted", e.getCause());
            }
            pending = null;
        }
        if (generated != null) {
            generated.accept(s);
            return collect(s);
        }
        if (pending == null && ++calls == codegenAfterCalls && JvmCodegen.enabled() && !OpProfile.ENABLED) {
            pending = JvmCodegen.compileInBackground(kernels, floatOutputs, floatSizes, kernelReads, outputSlots);
        }
        for (int k = 0; k < kernels.length; k++) {
            if (OpProfile.ENABLED) {
                long t0 = System.nanoTime();
                kernels[k].run(s);
                OpProfile.add("jvm " + kernelNames[k], System.nanoTime() - t0);
            } else {
                kernels[k].run(s);
            }
            int r = floatOutputs[k];
            if (r >= 0) {
                double[] o = s[r];
                for (int j = 0, n = floatSizes[k]; j < n; j++) {
                    o[j] = (float) o[j];
                }
            }
        }
        return collect(s);
    }

    private double[][] collect(double[][] s) {
        for (int i = 0; i < results.length; i++) {
            results[i] = s[outputSlots[i]];
        }
        return results;
    }

    /**
     * The largest finite magnitude among the values output {@code i} was computed from in the last call
     * (its inputs and intermediates, not constants): the scale of that computation's rounding errors.
     */
    double computationScale(int i) {
        double scale = 0;
        for (int slot : outputCones[i]) {
            for (double v : slots[slot]) {
                if (Double.isFinite(v)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
        }
        return scale;
    }

    /** Generates the program's code now, on this thread (for tests). */
    void generateNow() {
        if (generated == null) {
            generated = JvmCodegen.compile(kernels, floatOutputs, floatSizes, kernelReads, outputSlots);
            pending = null;
        }
    }

    /** True once the program runs as generated code. */
    boolean isGenerated() {
        return generated != null;
    }

    int opCount() {
        return kernels.length;
    }

    long[] outputShape(int i) {
        return outputShapes[i];
    }

    DataType outputType(int i) {
        return outputTypes[i];
    }

    int inputSize(int i) {
        return ownInputs[i].length;
    }

    private static JvmKernel kernel(OpNode node, int[] in, long[][] inShapes, int out, Graph graph) {
        long[] shape = node.shape();
        int n = IndexMaps.size(shape);
        String op = node.op();
        UnaryKernel.Fn unary = UnaryKernel.of(op);
        if (unary != null) {
            return new UnaryKernel(unary, in[0], out, shape);
        }
        BinaryKernel.Fn binary = BinaryKernel.of(op);
        if (binary != null) {
            return new BinaryKernel(binary, in[0], inShapes[0], in[1], inShapes[1], out, shape);
        }
        Object attributes = node.attributes();
        switch (op) {
            case "where":
                if (IndexMaps.size(inShapes[0]) == n && IndexMaps.size(inShapes[1]) == n && IndexMaps.size(inShapes[2]) == n) {
                    return new SelectKernel(in[0], in[1], in[2], out, shape);
                }
                break;
            case "cast":
                return new CastKernel(node.dtype(), in[0], out, shape);
            case "broadcastTo":
                return new GatherKernel(in[0], out, IndexMaps.broadcast(inShapes[0], shape));
            case "permute":
                return new GatherKernel(in[0], out,
                        IndexMaps.permute(inShapes[0], ((OpAttributes.Permutation) attributes).order()));
            case "slice": {
                OpAttributes.Slice s = (OpAttributes.Slice) attributes;
                return new GatherKernel(in[0], out, IndexMaps.slice(inShapes[0], shape, s.dim(), s.start()));
            }
            case "concat": {
                int dim = ((OpAttributes.Concatenation) attributes).dim();
                int[] outStride = IndexMaps.strides(shape);
                int[][] dest = new int[in.length][];
                long start = 0;
                for (int p = 0; p < in.length; p++) {
                    dest[p] = IndexMaps.walk(inShapes[p], outStride, (int) start * outStride[dim]);
                    start += inShapes[p][dim];
                }
                return new ConcatKernel(in, dest, out);
            }
            case "sum":
            case "max":
                return new ReduceKernel("max".equals(op), in[0], out, n,
                        IndexMaps.reduce(inShapes[0], ((OpAttributes.Axes) attributes).dims()));
            case "cumsum": {
                OpAttributes.CumulativeSum c = (OpAttributes.CumulativeSum) attributes;
                return new CumulativeSumKernel(in[0], out, shape, c.dim(), c.reverse());
            }
            case "oneHot":
                return new OneHotKernel(in[0], out, IndexMaps.size(inShapes[0]), (int) shape[shape.length - 1]);
            case "matmul":
                return new MatmulKernel(in[0], in[1], out, shape, (int) inShapes[0][inShapes[0].length - 1]);
            case "cholesky":
                return new CholeskyKernel(in[0], out, shape);
            case "triangularSolve": {
                OpAttributes.TriangularSolve t = (OpAttributes.TriangularSolve) attributes;
                return new TriangularSolveKernel(in[0], in[1], out, shape, t.lower(), t.adjoint());
            }
            default:
                break;
        }
        DataType[] types = new DataType[in.length];
        for (int i = 0; i < in.length; i++) {
            types[i] = graph.typeOf(node.inputs()[i]);
        }
        return new EagerKernel(node.eager(), in, inShapes, types, out, n);
    }

    /**
     * The cost model's estimate of one call, before anything is allocated: {nanoseconds on the JVM,
     * nanoseconds in libnd4j}. Per-element and per-op costs were measured on the project's x86-64
     * machine, one thread (benchmarks/RESULTS.md): libnd4j pays about 2.5 us per op and vectorises
     * transcendental functions; the JVM pays tens of nanoseconds per op.
     */
    static double[] estimate(Graph graph, List<String> outputNames) {
        double jvm = 0;
        double nd4j = 0;
        for (OpNode node : neededOps(graph, outputNames)) {
            String op = node.op();
            if ("reshape".equals(op)) {
                continue;
            }
            double n = IndexMaps.size(node.shape());
            double in = IndexMaps.size(graph.shapeOf(node.inputs()[0]));
            jvm += 20;
            nd4j += Executor.ND4J_NANOS_PER_OP;
            UnaryKernel.Fn unary = UnaryKernel.of(op);
            if (unary != null) {
                jvm += n * unary.nanos;
                nd4j += n * (unary.transcendental ? 0.6 : 0.3);
            } else if ("matmul".equals(op)) {
                long[] a = graph.shapeOf(node.inputs()[0]);
                long[] s = node.shape();
                long m = s[s.length - 2];
                long cols = s[s.length - 1];
                long k = a[a.length - 1];
                double fma = n * k;
                boolean big = m >= MatmulKernel.BLAS_MIN_SIDE && cols >= MatmulKernel.BLAS_MIN_SIDE;
                jvm += MatmulKernel.usesBlas(m, cols, k) ? 5000 + fma * 0.07 + n + in : fma * 0.35;
                nd4j += fma * (big ? 0.07 : 0.8);
            } else if ("sum".equals(op) || "max".equals(op)) {
                jvm += in * 0.8;
                nd4j += in * 0.4;
            } else if (BinaryKernel.of(op) != null) {
                jvm += n * 0.45;
                nd4j += n * 0.35;
            } else if (KNOWN.contains(op)) {
                jvm += n * 1.0;
                nd4j += n * 0.5;
            } else {
                jvm += 20_000 + n;
                nd4j += n;
            }
        }
        return new double[]{jvm, nd4j};
    }

    private static final Set<String> KNOWN = Set.of("where", "cast", "broadcastTo", "permute", "slice", "concat",
            "cumsum", "oneHot", "cholesky", "triangularSolve");

    /** The recorded ops the outputs depend on, each after the ops it reads (post-order). */
    private static List<OpNode> neededOps(Graph graph, List<String> outputNames) {
        List<OpNode> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Deque<String> stack = new ArrayDeque<>();
        Deque<Boolean> expanded = new ArrayDeque<>();
        for (String o : outputNames) {
            stack.push(o);
            expanded.push(false);
        }
        while (!stack.isEmpty()) {
            String v = stack.pop();
            boolean ready = expanded.pop();
            OpNode node = graph.producer(v);
            if (node == null || done.contains(v)) {
                continue;
            }
            if (ready) {
                done.add(v);
                order.add(node);
                continue;
            }
            stack.push(v);
            expanded.push(true);
            for (String in : node.inputs()) {
                if (!done.contains(in)) {
                    stack.push(in);
                    expanded.push(false);
                }
            }
        }
        return order;
    }
}
