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
 * <p>The reference point is the third checkpoint: before it, one-time costs land (measured for NUTS: the RSS
 * jumps by about 60 MiB between iterations 100 and 200, when the first metric window ends and the step size
 * is re-initialised, then stays within 4 MiB over the next 800 iterations; SVI: +4 MiB from step 600 to
 * 5,000, levelling off). RSS may grow 16 MiB after it, which covers JIT code, malloc arenas and
 * fragmentation and still catches a leak of about 12 kB per NUTS iteration or 8 kB per SVI step over
 * these loops: one [16, 10] double array per leapfrog step of a transition would exceed it. The live heap
 * (about 7 MiB) is compared as the smallest of the checkpoints 3 to 5 against the smallest of 8 to 10, since
 * single readings spike by a few MiB; it may grow 4 MiB. Sizes are set for CI (tens of seconds each on two
 * cores); -Dpyrite.memoryProbe.nuts=N and -Dpyrite.memoryProbe.svi=N run longer loops.
 */
class HotLoopMemoryTest {
    private static final long RSS_MARGIN_KB = 16 * 1024;
    private static final long HEAP_MARGIN_KB = 4 * 1024;

    /** Runs the probe's main in a child JVM; returns its ten checkpoints as {iteration, RSS kB, heap kB}. */
    private static long[][] probe(Class<?> main, int iterations) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), main.getName(), Integer.toString(iterations))
                .redirectErrorStream(true).start();
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
