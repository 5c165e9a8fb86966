package dev.pyrite.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backend and floating-point type selection. float64 is the default for inference; float32 can be
 * chosen for the whole JVM with {@link #setFloatType(DataType)} or the system property
 * {@code pyrite.dtype=float32}, or for one run on one thread with {@link #floatTypeScope(DataType)}, so
 * that a float32 run and a float64 run can go on side by side in two threads:
 *
 * <pre>{@code
 * try (ContextScope<DataType> f32 = Backend.floatTypeScope(DataType.FLOAT)) {
 *     Tensor x = Tensor.scalar(1.0);           // FLOAT, on this thread only
 * }
 * }</pre>
 *
 * The ND4J backend itself (CPU or CUDA) is chosen at build time by the Maven profile, not here.
 */
public final class Backend {
    private static volatile DataType floatType = initialFloatType();
    private static final ContextStack<DataType> SCOPES = new ContextStack<>("float type", () -> floatType);

    private Backend() {
    }

    private static DataType initialFloatType() {
        String prop = System.getProperty("pyrite.dtype", "float64");
        DataType dt = parseFloatType(prop);
        Nd4j.setDefaultDataTypes(dt, dt);
        String threads = System.getProperty("pyrite.threads");
        if (threads != null) {
            setThreads(Integer.parseInt(threads));
        }
        return dt;
    }

    /**
     * The number of threads libnd4j's kernels use (OpenMP), also settable with {@code -Dpyrite.threads=N}
     * or the {@code OMP_NUM_THREADS} environment variable. Pyrite's programs are many small ops, for which
     * one thread is often fastest; and on a busy machine spinning OpenMP threads can slow calls tenfold.
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
    }

    /** The number of threads libnd4j's kernels use. */
    public static int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    /** Parses {@code float64}/{@code double} or {@code float32}/{@code float}. */
    public static DataType parseFloatType(String name) {
        switch (name.toLowerCase()) {
            case "float64": case "double": return DataType.DOUBLE;
            case "float32": case "float": return DataType.FLOAT;
            default:
                throw new IllegalArgumentException("dtype must be float64 or float32, got '" + name + "'");
        }
    }

    /**
     * The floating-point type new tensors get: that of the innermost {@link #floatTypeScope} open on this
     * thread, else the JVM-wide one (DOUBLE unless changed).
     */
    public static DataType floatType() {
        return SCOPES.current();
    }

    /**
     * Selects the JVM-wide floating-point type of new tensors, DOUBLE or FLOAT (also ND4J's default
     * types). Threads inside a {@link #floatTypeScope} keep their scope's type.
     */
    public static void setFloatType(DataType dt) {
        checkFloatType(dt);
        floatType = dt;
        Nd4j.setDefaultDataTypes(dt, dt);
    }

    /**
     * Makes {@link #floatType()} {@code dt} (DOUBLE or FLOAT) on this thread until the scope is closed;
     * scopes nest, and other threads keep their own type. ND4J's JVM-wide default types are left alone:
     * Pyrite always names the type it creates arrays with.
     */
    public static ContextScope<DataType> floatTypeScope(DataType dt) {
        checkFloatType(dt);
        return SCOPES.enter(dt);
    }

    private static void checkFloatType(DataType dt) {
        if (dt != DataType.DOUBLE && dt != DataType.FLOAT) {
            throw new IllegalArgumentException("float type must be DOUBLE or FLOAT, got " + dt);
        }
    }

    /** A short description of the running ND4J backend, e.g. {@code CPU}. */
    public static String describe() {
        return Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
    }
}
