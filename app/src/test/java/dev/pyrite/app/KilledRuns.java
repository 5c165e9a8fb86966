package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Command-line runs killed mid-way in a child JVM, and their outputs compared, for the resume tests. */
final class KilledRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KilledRuns() {
    }

    /**
     * Starts {@code pyrite args} in a child JVM and kills it ({@code kill -9}) once its checkpoint's
     * {@code field} (iteration or SVI step) has reached {@code atLeast}; returns the checkpoint's count.
     * The child's standard error goes to {@code outDir}'s sibling {@code <name>.err}.
     */
    static int runAndKill(String[] args, Path outDir, String field, int atLeast) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", Main.class.getName()));
        command.addAll(List.of(args));
        Path err = outDir.resolveSibling(outDir.getFileName() + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process child = pb.start();
        Path meta = outDir.resolve("checkpoint").resolve("checkpoint.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (Files.isRegularFile(meta) && JSON.readTree(meta.toFile()).get(field).asInt() >= atLeast) {
                    break;
                }
                Thread.sleep(2);
            }
            assertTrue(child.isAlive(), "the child finished (or failed) before it could be killed: "
                    + Files.readString(err));
        } finally {
            child.destroyForcibly().waitFor();
        }
        return JSON.readTree(meta.toFile()).get(field).asInt();
    }

    /** The file's lines but those that hold times (start time, elapsed times). */
    static List<String> withoutTimes(Path file) throws IOException {
        Predicate<String> time = l -> l.startsWith("# start_datetime") || l.contains("seconds (");
        return Files.readAllLines(file).stream().filter(time.negate()).collect(Collectors.toList());
    }

    static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
