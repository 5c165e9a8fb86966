package dev.pyrite.inference.spawn;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.program.Fragment;
import dev.pyrite.inference.program.Spawn;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group of MCMC chains run in another JVM ({@link ChainGroupMain}, on this JVM's class path): the
 * settings and the chains' streams go to the child serialised with {@link StateWriter}, and the draws
 * with each chain's final step size and inverse mass matrix come back the same way, bit for bit. Given
 * the same streams, the group draws exactly what those chains draw in an in-process run.
 *
 * <pre>{@code
 * List<RandomStream> streams = MCMC.chainStreams(seed, 4);
 * ChainGroupFragment far = new ChainGroupFragment(
 *         ChainGroupSettings.nuts(MyFactory.class.getName(), 500, 1000, streams.subList(2, 4)), workDir);
 * McmcSamples[] near = new McmcSamples[1];
 * Weave both = Weave.of("chains", Call.of("chains-0-1", () -> near[0] = MCMC.nuts(u).streams(streams.subList(0, 2)).run()),
 *         far.spawn("chains-2-3"));
 * }</pre>
 *
 * <p>A child that fails (an exit status other than 0, or no result file) is reported with its status and
 * the tail of its output (stdout and stderr, kept in {@code workDir/child.log}).
 */
public final class ChainGroupFragment implements Fragment {
    private static final Logger LOG = LoggerFactory.getLogger(ChainGroupFragment.class);
    /** Lines of the child's output an error quotes. */
    static final int TAIL_LINES = 20;
    private final ChainGroupSettings settings;
    private final Path workDir;
    private final List<String> jvmOptions;
    private volatile McmcSamples samples;

    /** Runs the group described by {@code settings}, keeping its files in {@code workDir}. */
    public ChainGroupFragment(ChainGroupSettings settings, Path workDir) {
        this(settings, workDir, List.of());
    }

    /** As above, with extra options for the child JVM (such as {@code -Xmx2g}). */
    public ChainGroupFragment(ChainGroupSettings settings, Path workDir, List<String> jvmOptions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** This fragment as a program element ({@code SPAWN name}). */
    public Spawn spawn(String name) {
        return Spawn.of(name, this);
    }

    /** The group's samples, once collected. */
    public McmcSamples samples() {
        if (samples == null) {
            throw new IllegalStateException("chain group: not collected yet (run its SPAWN element to the end)");
        }
        return samples;
    }

    @Override
    public Running launch() {
        Path input = workDir.resolve("settings.bin");
        Path result = workDir.resolve("result.bin");
        Path log = workDir.resolve("child.log");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(result);
            try (OutputStream os = Files.newOutputStream(input); StateWriter out = new StateWriter(os)) {
                settings.write(out);
            }
            List<String> command = command(input, result);
            LOG.debug("spawning chain group: {}", command);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Child(process, result, log);
        } catch (IOException e) {
            throw new UncheckedIOException("chain group in " + workDir + ": cannot start the child JVM: "
                    + e.getMessage(), e);
        }
    }

    /** {@code java [options] [-Dpyrite.*=...] -cp <this class path> ChainGroupMain IN OUT}. */
    private List<String> command(Path input, Path result) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvmOptions);
        // the settings that steer compilation and kernels must match this process's, or draws could differ
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("pyrite.")) {
                c.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(ChainGroupMain.class.getName());
        c.add(input.toString());
        c.add(result.toString());
        return c;
    }

    private final class Child implements Running {
        private final Process process;
        private final Path result;
        private final Path log;

        Child(Process process, Path result, Path log) {
            this.process = process;
            this.result = result;
            this.log = log;
        }

        @Override
        public boolean finished(long millis) {
            try {
                return process.waitFor(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("chain group in " + workDir + ": interrupted while waiting", e);
            }
        }

        @Override
        public void collect() {
            int status = process.exitValue();
            if (status != 0 || !Files.exists(result)) {
                throw new IllegalStateException("chain group in " + workDir + ": the child JVM "
                        + (status != 0 ? "exited with status " + status : "wrote no result " + result)
                        + "; last lines of " + log + ":\n" + tail(log));
            }
            try (InputStream is = Files.newInputStream(result); StateReader in = new StateReader(is, result.toString())) {
                samples = ChainGroupResult.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("chain group: cannot read " + result + ": " + e.getMessage(), e);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
