package dev.pyrite.tensor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads a program over independent rows may use ({@link CompiledFunction#flatByRows}), and the
 * pool those threads come from. The system property {@code pyrite.threads} sets the count: a positive
 * integer, default the number of available processors; {@code 1} keeps every call on its caller's thread.
 * The setting is read when a program decides how to split (its first call), so each run reads it afresh.
 *
 * <p>The pool is shared by every program in the JVM and holds daemon threads that end after a minute
 * idle: no run owns it, none needs to close it, and it carries no state from one call to the next.
 */
final class BlockThreads {
    /** The system property that sets the thread count. */
    static final String PROPERTY = "pyrite.threads";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pyrite-block-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private BlockThreads() {
    }

    /** The configured thread count ({@code pyrite.threads}, default the available processors). */
    static int configured() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(p.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(PROPERTY + " must be a positive integer (1 = one thread), got '" + p + "'");
    }

    /** The shared daemon pool the blocks other than the caller's run on. */
    static ExecutorService pool() {
        return POOL;
    }
}
