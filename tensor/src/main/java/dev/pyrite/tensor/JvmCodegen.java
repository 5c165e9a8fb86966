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
 * Element-wise ops become loops in the class; the others (reductions, products, gathers) are called
 * through their kernel objects. The arithmetic is the interpreter's, expression for expression, so both
 * give the same bits.
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
            JvmKernel[] kernels, int[] roundSlot, int[] roundSize) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> compile(kernels, roundSlot, roundSize),
                COMPILER);
    }

    /** Whether code generation is on ({@code pyrite.executor.codegen}, default true). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("pyrite.executor.codegen", "true"));
    }

    /**
     * The program as one compiled consumer of the slots array.
     *
     * @param roundSlot per kernel, the output slot to round to float32 afterwards, or -1
     * @param roundSize per kernel, the number of elements to round
     */
    @SuppressWarnings("unchecked")
    static Consumer<double[][]> compile(JvmKernel[] kernels, int[] roundSlot, int[] roundSize) {
        List<Consumer<double[][]>> called = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        List<String> methods = new ArrayList<>();
        for (int k = 0; k < kernels.length; k++) {
            if (k % OPS_PER_METHOD == 0) {
                if (k > 0) {
                    methods.add(body.toString());
                }
                body = new StringBuilder();
            }
            boolean float32 = roundSlot[k] >= 0;
            String src = kernels[k].source(e -> float32 ? "(double) (float) (" + e + ")" : e);
            if (src != null) {
                body.append(src);
            } else {
                JvmKernel kernel = kernels[k];
                body.append("k[").append(called.size()).append("].accept(s);\n");
                called.add(kernel::run);
                if (float32) {
                    body.append("{ final double[] o = s[").append(roundSlot[k]).append("]; for (int i = 0; i < ")
                            .append(roundSize[k]).append("; i++) { o[i] = (double) (float) o[i]; } }\n");
                }
            }
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
}
