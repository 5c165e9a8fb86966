package dev.pyrite.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.codehaus.janino.SimpleCompiler;

/**
 * Turns a {@link JvmProgram}'s kernels into one generated Java class, compiled at run time by Janino
 * (as Spark SQL's whole-stage code generation does), so that HotSpot compiles each op's loop with its
 * sizes, strides and function as constants: no virtual call and no switch per op or per element.
 * Runs of element-wise ops become fused loops in the class; the others (reductions, products, gathers)
 * are called through their kernel objects. The arithmetic is the interpreter's, expression for
 * expression (Java never contracts a * b + c), so both give the same bits.
 */
final class JvmCodegen {
    /** Ops per generated method, to stay well under HotSpot's 8000-byte limit for compiling a method. */
    private static final int OPS_PER_METHOD = 16;
    private static final AtomicLong COUNTER = new AtomicLong();

    private JvmCodegen() {
    }

    /**
     * One daemon thread compiles generated programs, so a sampler never waits for Janino: the kernels
     * run until the class is ready, and both give the same bits.
     */
    private static final java.util.concurrent.ExecutorService COMPILER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pyrite-codegen");
                t.setDaemon(true);
                return t;
            });

    /** {@link #compile} on the compiler thread. */
    static java.util.concurrent.CompletableFuture<Consumer<double[][]>> compileInBackground(
            JvmKernel[] kernels, int[] roundSlot, int[] roundSize, int[][] reads, int[] outputs) {
        return java.util.concurrent.CompletableFuture.supplyAsync(
                () -> compile(kernels, roundSlot, roundSize, reads, outputs), COMPILER);
    }

    /** Whether code generation is on ({@code pyrite.executor.codegen}, default true). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("pyrite.executor.codegen", "true"));
    }

    /**
     * The program as one compiled consumer of the slots array. Runs of consecutive element-wise ops
     * with one output shape become one loop: each op's element is a local, stored to its slot only
     * when something after the run reads it (loop fusion; values that live only inside the run never
     * touch memory).
     *
     * @param roundSlot per kernel, the output slot to round to float32 afterwards, or -1
     * @param roundSize per kernel, the number of elements to round
     * @param reads     per kernel, the slots it reads
     * @param outputs   the program's output slots
     */
    @SuppressWarnings("unchecked")
    static Consumer<double[][]> compile(JvmKernel[] kernels, int[] roundSlot, int[] roundSize, int[][] reads,
                                        int[] outputs) {
        ElementwiseForm[] forms = new ElementwiseForm[kernels.length];
        for (int k = 0; k < kernels.length; k++) {
            forms[k] = kernels[k].elementwise();
        }
        // The last kernel that reads each slot (program outputs are read "after the end").
        java.util.Map<Integer, Integer> lastRead = new java.util.HashMap<>();
        for (int k = 0; k < kernels.length; k++) {
            for (int slot : reads[k]) {
                lastRead.merge(slot, k, Math::max);
            }
        }
        for (int slot : outputs) {
            lastRead.put(slot, Integer.MAX_VALUE);
        }
        List<Consumer<double[][]>> called = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        List<String> methods = new ArrayList<>();
        int opsInMethod = 0;
        int k = 0;
        while (k < kernels.length) {
            if (opsInMethod >= OPS_PER_METHOD) {
                methods.add(body.toString());
                body = new StringBuilder();
                opsInMethod = 0;
            }
            if (forms[k] != null) {
                int end = k + 1;
                while (end < kernels.length && end - k < OPS_PER_METHOD && forms[end] != null
                        && java.util.Arrays.equals(forms[end].shape(), forms[k].shape())) {
                    end++;
                }
                body.append(fusedLoop(forms, roundSlot, k, end, lastRead));
                opsInMethod += end - k;
                k = end;
                continue;
            }
            JvmKernel kernel = kernels[k];
            body.append("k[").append(called.size()).append("].accept(s);\n");
            called.add(kernel::run);
            if (roundSlot[k] >= 0) {
                body.append("{ final double[] o = s[").append(roundSlot[k]).append("]; for (int i = 0; i < ")
                        .append(roundSize[k]).append("; i++) { o[i] = (double) (float) o[i]; } }\n");
            }
            opsInMethod++;
            k++;
        }
        methods.add(body.toString());
        String name = "Program" + COUNTER.incrementAndGet();
        StringBuilder src = new StringBuilder("package dev.pyrite.tensor.generated;\n")
                .append("public final class ").append(name).append(" implements java.util.function.Consumer {\n")
                .append("  private final java.util.function.Consumer[] k;\n")
                .append("  public ").append(name).append("(java.util.function.Consumer[] k) { this.k = k; }\n")
                .append("  public void accept(Object slots) {\n    final double[][] s = (double[][]) slots;\n");
        for (int m = 0; m < methods.size(); m++) {
            src.append("    part").append(m).append("(s);\n");
        }
        src.append("  }\n");
        for (int m = 0; m < methods.size(); m++) {
            src.append("  private void part").append(m).append("(final double[][] s) {\n").append(methods.get(m))
                    .append("  }\n");
        }
        src.append("}\n");
        try {
            SimpleCompiler compiler = new SimpleCompiler();
            compiler.setParentClassLoader(JvmCodegen.class.getClassLoader());
            compiler.cook(src.toString());
            Class<?> c = compiler.getClassLoader().loadClass("dev.pyrite.tensor.generated." + name);
            return (Consumer<double[][]>) c.getConstructor(Consumer[].class)
                    .newInstance((Object) called.toArray(new Consumer[0]));
        } catch (Exception e) {
            throw new IllegalStateException("JVM executor: generated program does not compile: " + e.getMessage()
                    + "\n" + src, e);
        }
    }

    /** One loop over the common shape computing kernels {@code from..to-1}, each element a local. */
    private static String fusedLoop(ElementwiseForm[] forms, int[] roundSlot, int from, int to,
                                    java.util.Map<Integer, Integer> lastRead) {
        long[] shape = forms[from].shape();
        int n = IndexMaps.size(shape);
        java.util.Set<Integer> local = new java.util.HashSet<>();
        java.util.Set<Integer> arrays = new java.util.TreeSet<>();
        java.util.Set<Integer> scalars = new java.util.TreeSet<>();
        boolean nested = false;
        StringBuilder loop = new StringBuilder();
        for (int k = from; k < to; k++) {
            ElementwiseForm f = forms[k];
            String[] operand = new String[f.operands().length];
            for (int j = 0; j < operand.length; j++) {
                int slot = f.operands()[j];
                long[] os = f.operandShapes()[j];
                if (local.contains(slot)) {
                    operand[j] = "v" + slot;
                } else if (IndexMaps.size(os) == 1 && n > 1) {
                    scalars.add(slot);
                    operand[j] = "c" + slot;
                } else {
                    arrays.add(slot);
                    if (IndexMaps.size(os) == n && sameTrailing(os, shape)) {
                        operand[j] = "a" + slot + "[i]";
                    } else {
                        nested = true;
                        operand[j] = "a" + slot + "[" + IndexSource.of(os, shape) + "]";
                    }
                }
            }
            String e = f.expression().apply(operand);
            if (roundSlot[k] >= 0) {
                e = "(double) (float) (" + e + ")";
            }
            int out = f.out();
            loop.append("final double v").append(out).append(" = ").append(e).append("; ");
            local.add(out);
            if (lastRead.getOrDefault(out, -1) >= to) {
                arrays.add(out);
                loop.append("a").append(out).append("[i] = v").append(out).append("; ");
            }
        }
        StringBuilder b = new StringBuilder("{\n");
        for (int slot : arrays) {
            b.append("  final double[] a").append(slot).append(" = s[").append(slot).append("];\n");
        }
        for (int slot : scalars) {
            b.append("  final double c").append(slot).append(" = s[").append(slot).append("][0];\n");
        }
        if (nested) {
            b.append(IndexSource.loops(shape, loop.toString()));
        } else {
            b.append("  for (int i = 0; i < ").append(n).append("; i++) { ").append(loop).append("}\n");
        }
        return b.append("}\n").toString();
    }

    /** True when an operand of {@code in}'s shape is read at the output's own positions. */
    private static boolean sameTrailing(long[] in, long[] out) {
        int offset = out.length - in.length;
        for (int d = 0; d < out.length; d++) {
            long s = d < offset ? 1 : in[d - offset];
            if (s != out[d]) {
                return false;
            }
        }
        return true;
    }
}
