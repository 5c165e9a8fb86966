package dev.pyrite.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backend and floating-point type selection. float64 is the default for inference; float32 can be
 * chosen with {@link #setFloatType(DataType)} or the system property {@code pyrite.dtype=float32}.
 * The ND4J backend itself (CPU or CUDA) is chosen at build time by the Maven profile, not here.
 */
public final class Backend {
    private static volatile DataType floatType = initialFloatType();

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

    /** The floating-point type new tensors get (DOUBLE unless changed). */
    public static DataType floatType() {
        return floatType;
    }

    /** Selects the floating-point type of new tensors; DOUBLE or FLOAT. */
    public static void setFloatType(DataType dt) {
        if (dt != DataType.DOUBLE && dt != DataType.FLOAT) {
            throw new IllegalArgumentException("float type must be DOUBLE or FLOAT, got " + dt);
        }
        floatType = dt;
        Nd4j.setDefaultDataTypes(dt, dt);
    }

    /** A short description of the running ND4J backend, e.g. {@code CPU}. */
    public static String describe() {
        return Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
    }
}
