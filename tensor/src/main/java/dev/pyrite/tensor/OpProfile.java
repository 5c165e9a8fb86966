package dev.pyrite.tensor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent per op type by compiled programs, collected only when the JVM runs with
 * {@code -Dpyrite.profileOps=true} (for finding what dominates a program; off in normal runs).
 */
public final class OpProfile {
    static final boolean ENABLED = Boolean.getBoolean("pyrite.profileOps");
    private static final Map<String, LongAdder[]> TOTALS = new ConcurrentHashMap<>();

    private OpProfile() {
    }

    static void add(String op, long nanos) {
        LongAdder[] a = TOTALS.computeIfAbsent(op, k -> new LongAdder[]{new LongAdder(), new LongAdder()});
        a[0].add(nanos);
        a[1].increment();
    }

    /** Op name to {total nanoseconds, executions}, sorted by name. */
    public static Map<String, long[]> snapshot() {
        Map<String, long[]> out = new TreeMap<>();
        TOTALS.forEach((k, v) -> out.put(k, new long[]{v[0].sum(), v[1].sum()}));
        return out;
    }

    public static void reset() {
        TOTALS.clear();
    }
}
