package dev.pyrite.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.mcmc.NutsMemoryProbe;
import dev.pyrite.inference.svi.SviMemoryProbe;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat over the inference hot loops. Each probe runs in a fresh JVM with a fixed, pre-touched
 * heap, so that the Java heap's own size cannot move the RSS, and prints, at every tenth of its loop, the RSS
 * and the live heap read after a full collection (see {@link ResidentMemory}). RSS growth is native memory
 * kept alive (ND4J buffers, SameDiff sessions, JavaCPP pointers, op caches); live-heap growth is Java
 * objects kept alive (traces, listeners, histories), which a pre-touched heap would hide from the RSS until
 * it ran out.
 *
 * <p>The reference point is the third checkpoint, after the one-time costs (tracing and compiling, the first
 * metric windows and step-size re-initialisations, JIT). RSS may grow 24 MiB after it, which covers JIT code,
 * malloc arenas and fragmentation (single steps of up to 9 MiB seen, which do not recur) and, for NUTS, the
 * draws of the sampling phase (2.2 MiB here, allocated when warm-up ends); it still catches a leak of about
 * 18 kB per NUTS iteration or 12 kB per SVI step over these loops, e.g. two [16, 10] double arrays per
 * leapfrog step of a transition. The live heap (7 to
 * 30 MiB, single readings spiking without trend) is compared as the smallest of the checkpoints 3 to 5
 * against the smallest of 8 to 10, and may grow as much.
 *
 * <p>Measured (OMP_NUM_THREADS=1 as under Surefire, shared two-core machine): NUTS 2,000 iterations in 20 s,
 * RSS +4.6 MiB from iteration 600; 15,000 iterations: +0.6 MiB from 1,500 to 7,500 (warm-up), +17.1 MiB at the
 * start of sampling (the [16, 7500, 10] draws and statistics, 16.3 MiB), +0.4 MiB from 9,000 to 15,000. SVI
 * 3,000 steps in 9 s, +6.1 MiB from step 900; 30,000 steps: +1.2 MiB from 6,000 to 30,000. Sizes are set for
 * CI; -Dpyrite.memoryProbe.nuts=N and -Dpyrite.memoryProbe.svi=N run longer loops.
 */
class HotLoopMemoryTest {
    private static final long RSS_MARGIN_KB = 24 * 1024;
    private static final long HEAP_MARGIN_KB = 24 * 1024;

    /** Runs the probe's main in a child JVM; returns its ten checkpoints as {iteration, RSS kB, heap kB}. */
    private static long[][] probe(Class<?> main, int iterations) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), main.getName(), Integer.toString(iterations))
                .redirectErrorStream(true);
        // One OpenMP thread, as Surefire runs the tests: per-thread arenas would otherwise add to the RSS.
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        long[][] checkpoints = out.lines().filter(l -> l.startsWith("checkpoint ")).map(l -> {
            String[] parts = l.split(" ");
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])};
        }).toArray(long[][]::new);
        assertEquals(10, checkpoints.length, "checkpoints from " + main.getSimpleName() + ":\n" + out);
        return checkpoints;
    }

    private static long minHeap(long[][] checkpoints, int from, int to) {
        long min = Long.MAX_VALUE;
        for (int k = from; k <= to; k++) {
            min = Math.min(min, checkpoints[k - 1][2]);
        }
        return min;
    }

    private static void assertFlat(String what, long[][] c) {
        StringBuilder readings = new StringBuilder(what + " (iteration: RSS kB, live heap kB)");
        for (long[] k : c) {
            readings.append(' ').append(k[0]).append(": ").append(k[1]).append(", ").append(k[2]).append(';');
        }
        System.err.println(readings);
        long rssGrowth = c[9][1] - c[2][1];
        long heapGrowth = minHeap(c, 8, 10) - minHeap(c, 3, 5);
        assertTrue(rssGrowth < RSS_MARGIN_KB, "RSS grew by " + rssGrowth + " kB: " + readings);
        assertTrue(heapGrowth < HEAP_MARGIN_KB, "live heap grew by " + heapGrowth + " kB: " + readings);
    }

    @Test
    void nutsKeepsMemoryFlat() throws Exception {
        int iterations = Integer.getInteger("pyrite.memoryProbe.nuts", 2000);
        assertFlat("NUTS", probe(NutsMemoryProbe.class, iterations));
    }

    @Test
    void sviStepsKeepMemoryFlat() throws Exception {
        int steps = Integer.getInteger("pyrite.memoryProbe.svi", 3000);
        assertFlat("SVI", probe(SviMemoryProbe.class, steps));
    }
}
