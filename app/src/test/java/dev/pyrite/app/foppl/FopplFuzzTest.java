package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.TestSeeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds mutated model files (see {@link ModelMutator}) to the reader, the compiler and one run of the model
 * with the log density of its trace. Every mutant must either run or fail with a {@link FopplException}
 * whose position is the form's {@code file:line:column}; any other exception or error, or a run past the
 * deadline, is a failure reported with the mutant's seed and text.
 *
 * <p>The mutants differ under {@code -Dpyrite.test.seedOffset=K}. {@code -Dpyrite.fuzz.mutants=N} sets how
 * many to try, {@code -Dpyrite.fuzz.replay=SEED} reruns the one mutant of that seed and
 * {@code -Dpyrite.fuzz.journal=FILE} writes each seed to FILE before its mutant runs (to find one that
 * crashes the JVM).
 */
@Tag(TestSeeds.TAG)
class FopplFuzzTest {
    private static final int DEFAULT_MUTANTS = 5_000;
    private static final String FILE = "mutant.clj";
    /** Far above what any mutant needs on a loaded 2-core machine; only a hang gets near it. */
    private static final long DEADLINE_SECONDS = 30;
    private static final int MAX_HANGS = 2;

    private final List<FuzzCorpus.Program> corpus = FuzzCorpus.programs();
    private final ModelMutator mutator = new ModelMutator(FuzzCorpus.names(corpus));

    @TempDir
    static Path directory;

    @BeforeAll
    static void copyData() {
        FuzzCorpus.copyData(directory);
    }

    @Test
    void theUnmutatedProgramsRun() {
        for (FuzzCorpus.Program p : corpus) {
            assertTrue(check(p.text(), 1), p.name());
        }
    }

    @Test
    void everyMutantRunsOrFailsAtItsForm() throws InterruptedException {
        String replay = System.getProperty("pyrite.fuzz.replay");
        int mutants = Integer.getInteger("pyrite.fuzz.mutants", DEFAULT_MUTANTS);
        long base = TestSeeds.seed(20_261_201L);
        Map<String, Failure> failures = new LinkedHashMap<>();
        int failed = 0;
        int hangs = 0;
        int ran = 0;
        int compiled = 0;
        ExecutorService executor = newExecutor();
        try {
            for (int i = 0; i < (replay != null ? 1 : mutants) && hangs < MAX_HANGS; i++) {
                long seed = replay != null ? Long.parseLong(replay) : new SplittableRandom(base + i).nextLong();
                FuzzCorpus.Program source = corpus.get(Math.floorMod(seed, corpus.size()));
                String text = mutator.mutate(source.text(), seed);
                journal(seed);
                Future<Boolean> result = executor.submit(() -> check(text, seed));
                Throwable problem;
                try {
                    compiled += result.get(DEADLINE_SECONDS, TimeUnit.SECONDS) ? 1 : 0;
                    problem = null;
                } catch (ExecutionException e) {
                    problem = e.getCause();
                } catch (TimeoutException e) {
                    result.cancel(true);
                    executor.shutdownNow();
                    executor = newExecutor();     // the stuck thread is abandoned (a daemon)
                    hangs++;
                    problem = new AssertionError("no result after " + DEADLINE_SECONDS + " s (a hang?)");
                }
                ran++;
                if (problem != null) {
                    failed++;
                    Throwable p = problem;
                    failures.computeIfAbsent(signature(p), k -> new Failure(seed, source.name(), text, p)).count++;
                }
            }
        } finally {
            executor.shutdownNow();
        }
        if (!failures.isEmpty()) {
            StringBuilder b = new StringBuilder().append(failed).append(" of ").append(ran)
                    .append(" mutants failed (base seed ").append(base).append(", ").append(failures.size())
                    .append(" kinds); rerun one with -Dpyrite.fuzz.replay=SEED\n");
            failures.forEach((sig, f) -> b.append(f.report(sig)));
            fail(b.toString());
        }
        assertTrue(replay != null || compiled > ran / 20, "too few mutants compiled and ran (" + compiled + " of "
                + ran + "): the mutator breaks every program and tests only the error paths");
    }

    /**
     * Appends the seed to the file named by {@code -Dpyrite.fuzz.journal}, before the mutant runs: the last
     * line names the culprit when a mutant crashes the JVM (in native code).
     */
    private static void journal(long seed) {
        String file = System.getProperty("pyrite.fuzz.journal");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), seed + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** True when the mutant compiled and ran; false when it failed well; throws when it failed badly. */
    private static boolean check(String text, long seed) {
        try {
            FopplModel model = FopplProgram.parse(text, FILE, directory).model();
            Trace trace = Handlers.trace().getTrace(Handlers.seed(seed).wrap(model));
            trace.computeLogProb().logProbSum();
            return true;
        } catch (FopplException e) {
            String problem = positionProblem(e, text);
            if (problem != null) {
                throw new AssertionError(problem, e);
            }
            return false;
        }
    }

    /** What is wrong with the exception's position (null when nothing): checked against the text itself. */
    private static String positionProblem(FopplException e, String text) {
        Span s = e.span();
        if (s == null || !s.file().name().equals(FILE)) {
            return "the exception names no position in " + FILE + ": " + e.getMessage();
        }
        if (s.start() < 0 || s.start() > text.length() || s.end() < s.start()) {
            return "offsets " + s.start() + ".." + s.end() + " outside the text of " + text.length() + " chars";
        }
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < s.start(); k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        int column = s.start() - lineStart + 1;
        if (s.line() != line || s.column() != column) {
            return "the position " + s.line() + ":" + s.column() + " is not that of offset " + s.start() + " ("
                    + line + ":" + column + ")";
        }
        if (!e.getMessage().startsWith(FILE + ":" + line + ":" + column + ": ")) {
            return "the message does not start with " + FILE + ":" + line + ":" + column + ": " + e.getMessage();
        }
        return null;
    }

    /** The exception's type and the first frame in Pyrite's code: one entry per distinct bug. */
    private static String signature(Throwable t) {
        Throwable root = t instanceof AssertionError && t.getCause() != null ? t.getCause() : t;
        String where = root.getStackTrace().length > 0 ? root.getStackTrace()[0].toString() : "?";
        for (StackTraceElement e : root.getStackTrace()) {
            if (e.getClassName().startsWith("dev.pyrite")) {
                where = e.toString();
                break;
            }
        }
        return t.getClass().getName() + (t == root ? "" : " / " + root.getClass().getName()) + " at " + where;
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "foppl-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    /** The first mutant of one kind of failure, and how many mutants failed that way. */
    private static final class Failure {
        final long seed;
        final String source;
        final String text;
        final Throwable problem;
        int count;

        Failure(long seed, String source, String text, Throwable problem) {
            this.seed = seed;
            this.source = source;
            this.text = text;
            this.problem = problem;
        }

        String report(String signature) {
            StringWriter trace = new StringWriter();
            problem.printStackTrace(new PrintWriter(trace));
            String[] lines = trace.toString().split("\n");
            String shortTrace = String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 40)));
            String shown = text.length() <= 3000 ? text : text.substring(0, 3000) + "\n... (" + text.length()
                    + " chars in all)";
            return "\n=== " + signature + " (" + count + " mutants)\nseed " + seed + ", a mutant of " + source
                    + ":\n" + shown + "\n--- " + shortTrace + "\n";
        }
    }
}
