package dev.pyrite.tensor;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Which executor runs a compiled program. {@link #JVM} runs it as loops over Java arrays (no per-op
 * dispatch: nanoseconds per op on small tensors); {@link #ND4J} replays it op by op in libnd4j
 * (microseconds per op, vectorised and multi-threaded arithmetic, and the only choice on CUDA, where
 * the data stays on the device); {@link #AUTO} picks per program from the cost model. The system
 * property {@code pyrite.executor=jvm|nd4j|auto} sets the default. A large JVM call over independent
 * rows (the samplers' batched potential) may run in blocks of rows on several threads: the system
 * property {@code pyrite.threads} caps them (default the available processors, 1 for one thread; see
 * {@link CompiledFunction#flatByRows}).
 *
 * <pre>{@code
 * CompiledFunction f = CompiledFunction.of(in -> new Tensor[]{in[0].exp().sum()}).using(Executor.JVM);
 * }</pre>
 */
public enum Executor {
    JVM, ND4J, AUTO;

    /** libnd4j's fixed cost per op on the CPU backend (measured: 1.5-3 us, see benchmarks/RESULTS.md). */
    static final double ND4J_NANOS_PER_OP = 2500;

    /** The default from {@code pyrite.executor} (AUTO when unset). */
    public static Executor configured() {
        String p = System.getProperty("pyrite.executor", "auto");
        switch (p.toLowerCase()) {
            case "jvm": return JVM;
            case "nd4j": return ND4J;
            case "auto": return AUTO;
            default:
                throw new IllegalArgumentException("pyrite.executor must be jvm, nd4j or auto, got '" + p + "'");
        }
    }

    /** True when the system property {@code pyrite.executor.verify=true} asks every call to run both executors and compare. */
    static boolean verifying() {
        return Boolean.getBoolean("pyrite.executor.verify");
    }

    /** True on a CPU backend; on CUDA every program stays in libnd4j. */
    static boolean jvmAvailable() {
        return Nd4j.getEnvironment().isCPU();
    }

    /** The executor for a program the cost model puts at these nanoseconds per call on each. */
    Executor resolve(double jvmNanos, double nd4jNanos) {
        if (!jvmAvailable()) {
            return ND4J;
        }
        if (this != AUTO) {
            return this;
        }
        return jvmNanos <= nd4jNanos ? JVM : ND4J;
    }
}
