package dev.pyrite.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Memory readings for the hot-loop probes: this process's resident set size (Linux /proc/self/status) and
 * the live Java heap, each taken after a full collection so that native buffers of garbage INDArrays
 * (freed by JavaCPP's deallocator once collected) do not count.
 */
public final class ResidentMemory {
    private ResidentMemory() {
    }

    /** Collects garbage and gives the deallocator thread time to free the native buffers it held. */
    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** VmRSS in kB after {@link #settle()}. */
    public static long settledRssKb() {
        settle();
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Live Java heap in kB after {@link #settle()}. */
    public static long liveHeapKb() {
        settle();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1024;
    }

    /** Prints "checkpoint ITERATION RSS HEAP" (kB, both settled), the probes' output. */
    public static void checkpoint(int iteration) {
        long heap = liveHeapKb();
        System.out.println("checkpoint " + iteration + " " + settledRssKb() + " " + heap);
    }
}
