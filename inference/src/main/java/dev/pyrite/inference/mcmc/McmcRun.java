package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.program.Call;
import dev.pyrite.inference.program.Element;
import dev.pyrite.inference.program.Loop;
import dev.pyrite.inference.program.ProgramStepper;
import dev.pyrite.inference.program.Repeat;
import dev.pyrite.inference.program.Sequence;
import dev.pyrite.inference.state.CheckpointFiles;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An MCMC run as a step program (pylearn's plug-in architecture): {@code CALL initialise}, Stan's warm-up
 * as a sequence of windows, and sampling, each window a {@code REPEAT} of {@code CALL iteration}. An
 * iteration advances the lock-step slots of the {@link ChainDriver} until the slowest chain has finished
 * one more iteration, then shows every chain's draw of that iteration to the hooks. Chains keep their own
 * clocks: a chain ahead is not held back, and the windows describe every chain's own schedule.
 *
 * <p>With a stopping rule ({@link MCMC#untilRhat}, {@link MCMC#untilEss}) sampling is a {@code LOOP} of
 * rounds that ends when every component meets the targets or the samples are spent; the samples then
 * hold the draws every chain has made (chains that ran ahead are cut to the same count).
 *
 * <p>All state is explicit: {@link #checkpoint} writes it ({@code state.bin}) with the settings
 * ({@code checkpoint.json}), and {@link #resume} continues bit for bit, anywhere in warm-up or sampling.
 *
 * <pre>{@code
 * McmcRun run = MCMC.nuts(potential).seed(1).start();
 * log.info("{}", run.program());             // CALL initialise, SEQ warmup { REPEAT fast-initial x75 ... }
 * run.hook(it -> csv.append(it));           // sees every iteration, warm-up included
 * while (!run.step()) {
 *     if (run.iteration() % 100 == 0) run.checkpoint(dir);
 * }
 * McmcSamples s = run.samples();
 * // later, in another process: McmcRun.resume(dir, potential).run()
 * }</pre>
 */
public final class McmcRun implements Checkpointable, SamplingRun {
    /** The version of {@code state.bin} and {@code checkpoint.json} this class writes and reads. */
    public static final int FORMAT_VERSION = 2;
    public static final String STATE_FILE = CheckpointFiles.STATE_FILE;
    public static final String METADATA_FILE = CheckpointFiles.METADATA_FILE;

    private final McmcSettings settings;
    private final ChainDriver<?> driver;
    private final ConvergenceTargets targets;
    private final int warmup;
    private final int total;
    private final List<Hook> hooks = new ArrayList<>();
    private final ProgramStepper stepper;
    /** Iterations every chain has finished and the hooks have seen. */
    private int completed;
    private long warmupDivergences;
    private long samplingDivergences;
    private IterationDraws last;
    private StopReason stopReason;

    McmcRun(McmcSettings settings, ChainDriver<?> driver, ConvergenceTargets targets) {
        this.settings = settings;
        this.driver = driver;
        this.targets = targets;
        this.warmup = settings.warmup();
        this.total = settings.warmup() + settings.samples();
        this.stepper = new ProgramStepper(defaultProgram());
    }

    /** initialise; warm-up windows (Stan's, from {@link WarmupSchedule}); sampling, or a LOOP of rounds. */
    private Element defaultProgram() {
        Call iteration = Call.of("iteration", this::nextIteration);
        List<Element> warmupWindows = new ArrayList<>();
        WarmupSchedule schedule = new WarmupSchedule(warmup);
        addRepeat(warmupWindows, "fast-initial", schedule.slowStart(), iteration);
        int start = schedule.slowStart();
        List<Integer> ends = schedule.windowEnds();
        for (int k = 0; k < ends.size(); k++) {
            addRepeat(warmupWindows, "slow-" + (k + 1), ends.get(k) - start, iteration);
            start = ends.get(k);
        }
        addRepeat(warmupWindows, "fast-final", warmup - start, iteration);
        List<Element> parts = new ArrayList<>();
        parts.add(Call.of("initialise", driver::start));
        if (!warmupWindows.isEmpty()) {
            parts.add(new Sequence("warmup", warmupWindows));
        }
        int samples = settings.samples();
        if (targets.any()) {
            int round = Math.min(settings.roundIterations(), samples);
            parts.add(Loop.of("sampling", this::stoppingRuleMet, Repeat.of("round", round, iteration)));
        } else {
            parts.add(Repeat.of("sampling", samples, iteration));
        }
        return new Sequence(settings.algorithm(), parts);
    }

    private static void addRepeat(List<Element> into, String name, int times, Element body) {
        if (times > 0) {
            into.add(Repeat.of(name, times, body));
        }
    }

    /** The program this run steps; edit it with {@link Element#replace} and give it back with {@link #program(Element)}. */
    @Override
    public Element program() {
        return stepper.program();
    }

    /**
     * Steps {@code edited} instead (before the first step): e.g. {@code iteration} replaced by a
     * {@code SEQ} of itself and a {@code CALL} of a check that reads {@link #lastIteration()}. A resumed
     * run must be given the same edit ({@link #resume(Path, Potential, UnaryOperator)}).
     */
    public McmcRun program(Element edited) {
        stepper.replace(edited, "McmcRun");
        return this;
    }

    /** Adds a hook, called after every iteration (warm-up included) in the order hooks were added. */
    @Override
    public McmcRun hook(Hook h) {
        hooks.add(Objects.requireNonNull(h, "hook"));
        return this;
    }

    /**
     * Runs the program's next {@code CALL} (initialisation, or one iteration of every chain).
     *
     * @return whether the run has finished
     */
    @Override
    public boolean step() {
        return stepper.step();
    }

    /** Iterations (warm-up and sampling) that every chain has finished. */
    @Override
    public int iteration() {
        return completed;
    }

    /** Whether the program has run to its end. */
    @Override
    public boolean finished() {
        return stepper.finished();
    }

    /** The last iteration shown to the hooks, or null before the first. */
    public IterationDraws lastIteration() {
        return last;
    }

    /** The settings this run was built with. */
    public McmcSettings settings() {
        return settings;
    }

    /** The draws so far: every chain's first {@code max(0, iteration() - warmup)} samples. */
    @Override
    public McmcSamples samples() {
        StopReason reason = !stepper.finished() ? StopReason.UNFINISHED
                : stopReason != null ? stopReason : StopReason.BUDGET_REACHED;
        return driver.samples(sampled(), reason);
    }

    private int sampled() {
        return Math.max(0, completed - warmup);
    }

    /** One iteration: slots until the slowest chain has finished one more, then the hooks. */
    private void nextIteration() {
        if (completed >= total) {
            return;   // a stopping rule's last round may reach past the budget
        }
        while (driver.slowestIteration() <= completed) {
            if (!driver.slot()) {
                throw new IllegalStateException("McmcRun: every chain finished before iteration " + completed);
            }
        }
        List<ChainIteration> chains = driver.takeIteration(completed);
        boolean inWarmup = completed < warmup;
        for (ChainIteration c : chains) {
            if (c.stats().divergent()) {
                if (inWarmup) {
                    warmupDivergences++;
                } else {
                    samplingDivergences++;
                }
            }
        }
        last = new IterationDraws(completed, total, inWarmup, chains,
                inWarmup ? warmupDivergences : samplingDivergences);
        completed++;
        for (Hook h : hooks) {
            h.onIteration(last);
        }
    }

    /** The LOOP's question before each round: budget spent, or targets met? Records why it stops. */
    private boolean stoppingRuleMet() {
        int n = sampled();
        if (n >= settings.samples()) {
            stopReason = StopReason.BUDGET_REACHED;
            return true;
        }
        if (targets.met(driver.dimension(), n, d -> driver.coordinate(d, n))) {
            stopReason = StopReason.TARGETS_MET;
            return true;
        }
        return false;
    }

    /**
     * Writes the run's whole state into {@code dir/state.bin} and its settings into
     * {@code dir/checkpoint.json}, each through a temporary file moved into place atomically: a process
     * killed at any moment leaves a complete earlier or later state. The state is written first and
     * holds everything {@link #resume} reads; the metadata's settings never change during a run, so a kill
     * between the two moves leaves, at worst, an iteration count in the metadata one checkpoint behind.
     * Call between steps, not from a hook.
     */
    @Override
    public void checkpoint(Path dir) {
        CheckpointFiles.write(dir, this, new McmcCheckpoint(FORMAT_VERSION, settings, completed,
                driver.dimension(), driver.chainCount()));
    }

    /** Reads a checkpoint's metadata ({@code dir/checkpoint.json}). */
    public static McmcCheckpoint metadata(Path dir) {
        return CheckpointFiles.metadata(dir, McmcCheckpoint.class);
    }

    /** Continues the run checkpointed in {@code dir} on {@code potential} (hooks are not saved: add them again). */
    public static McmcRun resume(Path dir, Potential potential) {
        return resume(dir, potential, UnaryOperator.identity());
    }

    /** {@link #resume(Path, Potential)} for a run whose program was edited: {@code edit} must make the same program. */
    public static McmcRun resume(Path dir, Potential potential, UnaryOperator<Element> edit) {
        McmcCheckpoint meta = metadata(dir);
        Path file = dir.resolve(METADATA_FILE);
        if (meta.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": formatVersion " + meta.formatVersion() + ", expected "
                    + FORMAT_VERSION);
        }
        if (meta.dimension() != potential.dimension()) {
            throw new IllegalArgumentException(file + ": dimension " + meta.dimension() + ", but the potential has "
                    + potential.dimension() + " (" + potential.describe() + ")");
        }
        McmcRun run = MCMC.of(meta.settings(), potential).start();
        run.program(edit.apply(run.program()));
        CheckpointFiles.readState(dir, run);
        return run;
    }

    @Override
    public void writeState(StateWriter out) {
        out.integer("completed", completed);
        out.longValue("warmupDivergences", warmupDivergences);
        out.longValue("samplingDivergences", samplingDivergences);
        out.string("stopReason", stopReason == null ? "" : stopReason.name());
        out.bool("hasLast", last != null);
        if (last != null) {
            out.integer("lastIteration", last.iteration());
            out.longValue("lastDivergences", last.divergences());
            for (ChainIteration c : last.chains()) {
                ChainIteration.write(out, c);
            }
        }
        out.part("driver", driver);
        out.part("program", stepper);
    }

    @Override
    public void readState(StateReader in) {
        completed = in.integer("completed");
        warmupDivergences = in.longValue("warmupDivergences");
        samplingDivergences = in.longValue("samplingDivergences");
        String reason = in.string("stopReason");
        stopReason = reason.isEmpty() ? null : StopReason.valueOf(reason);
        last = null;
        if (in.bool("hasLast")) {
            int iteration = in.integer("lastIteration");
            long divergences = in.longValue("lastDivergences");
            List<ChainIteration> chains = new ArrayList<>();
            for (int c = 0; c < driver.chainCount(); c++) {
                chains.add(ChainIteration.read(in, c));
            }
            last = new IterationDraws(iteration, total, iteration < warmup, chains, divergences);
        }
        in.part("driver", driver);
        in.part("program", stepper);
    }
}
