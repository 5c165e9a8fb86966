package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.Hook;
import dev.pyrite.inference.mcmc.IterationDraws;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.mcmc.SamplingRun;
import dev.pyrite.inference.mcmc.StopReason;
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

/**
 * An ensemble run (ChEES-HMC or MEADS) as a step program, as {@link dev.pyrite.inference.mcmc.McmcRun} is
 * for NUTS: {@code CALL initialise}, a {@code REPEAT} of warm-up iterations and sampling, each iteration
 * one {@link EnsembleSampler#step()} of every chain, shown to the hooks. With a stopping rule
 * ({@link ChEES#stopWhen}) sampling is a {@code LOOP} of rounds that ends when every coordinate meets the
 * targets (nested R-hat for superchains, else split R-hat; bulk ESS) or the samples are spent; the
 * samples then hold the draws made so far.
 *
 * <p>All state is the sampler's ({@link EnsembleState}, its adaptation, the draws) and the program's
 * counters: {@link #checkpoint} writes it with the settings, and {@link #resume} continues bit for bit,
 * anywhere in warm-up or sampling.
 *
 * <pre>{@code
 * EnsembleRun run = ChEES.of(potential).chains(512).warmup(100).samples(2000).seed(1)
 *         .initialPositions(Superchains.uniform(64, 512, potential.dimension(), 1))
 *         .stopWhen(ConvergenceTargets.of(1.01, 2000).superchains(64)).start();
 * while (!run.step()) {
 *     if (run.iteration() % 100 == 0) run.checkpoint(dir);
 * }
 * McmcSamples s = run.samples();          // s.stopReason(): TARGETS_MET or BUDGET_REACHED
 * // later, in another process: EnsembleRun.resume(dir, potential).run()
 * }</pre>
 */
public final class EnsembleRun implements Checkpointable, SamplingRun {
    /** The version of {@code state.bin} and {@code checkpoint.json} this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private final EnsembleRunSettings settings;
    private final EnsembleSampler sampler;
    private final ConvergenceTargets targets;
    private final int dimension;
    private final List<Hook> hooks = new ArrayList<>();
    private final ProgramStepper stepper;
    private StopReason stopReason;

    EnsembleRun(EnsembleRunSettings settings, EnsembleSampler sampler, int dimension) {
        this.settings = settings;
        this.sampler = sampler;
        this.targets = settings.targets();
        this.dimension = dimension;
        this.stepper = new ProgramStepper(defaultProgram());
    }

    /** initialise; warm-up; sampling, or a LOOP of rounds while the stopping rule is not met. */
    private Element defaultProgram() {
        Call iteration = Call.of("iteration", this::nextIteration);
        List<Element> parts = new ArrayList<>();
        parts.add(Call.of("initialise", sampler::init));
        if (settings.warmup() > 0) {
            parts.add(Repeat.of("warmup", settings.warmup(), iteration));
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

    /** Continues the run checkpointed in {@code dir} on {@code potential} (hooks are not saved: add them again). */
    public static EnsembleRun resume(Path dir, Potential potential) {
        EnsembleCheckpoint meta = metadata(dir);
        Path file = dir.resolve(CheckpointFiles.METADATA_FILE);
        if (meta.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": formatVersion " + meta.formatVersion() + ", expected "
                    + FORMAT_VERSION);
        }
        if (meta.dimension() != potential.dimension()) {
            throw new IllegalArgumentException(file + ": dimension " + meta.dimension() + ", but the potential has "
                    + potential.dimension() + " (" + potential.describe() + ")");
        }
        EnsembleRun run = meta.settings().start(potential);
        CheckpointFiles.readState(dir, run);
        return run;
    }

    /** Reads a checkpoint's metadata ({@code dir/checkpoint.json}). */
    public static EnsembleCheckpoint metadata(Path dir) {
        return CheckpointFiles.metadata(dir, EnsembleCheckpoint.class);
    }

    /** The settings this run was built with. */
    public EnsembleRunSettings settings() {
        return settings;
    }

    @Override
    public Element program() {
        return stepper.program();
    }

    @Override
    public EnsembleRun hook(Hook h) {
        hooks.add(Objects.requireNonNull(h, "hook"));
        return this;
    }

    @Override
    public boolean step() {
        return stepper.step();
    }

    @Override
    public boolean finished() {
        return stepper.finished();
    }

    @Override
    public int iteration() {
        return sampler.iteration();
    }

    @Override
    public McmcSamples samples() {
        McmcSamples s = sampler.samples();
        StopReason reason = !stepper.finished() ? StopReason.UNFINISHED
                : stopReason != null ? stopReason : StopReason.BUDGET_REACHED;
        return new McmcSamples(s.draws(), s.logDensity(), s.acceptStat(), s.stepSize(), s.treeDepth(),
                s.leapfrogs(), s.divergent(), s.energy(), s.adaptedStepSize(), s.inverseMass(), s.warmupSeconds(),
                s.samplingSeconds(), s.gradientEvaluations(), reason);
    }

    /** One iteration of every chain, then the hooks. */
    private void nextIteration() {
        if (sampler.iteration() >= settings.warmup() + settings.samples()) {
            return;   // a stopping rule's last round may reach past the budget
        }
        sampler.step();
        IterationDraws last = sampler.lastIteration();
        for (Hook h : hooks) {
            h.onIteration(last);
        }
    }

    /** The LOOP's question before each round: budget spent, or targets met? Records why it stops. */
    private boolean stoppingRuleMet() {
        int n = sampler.drawCount();
        if (n >= settings.samples()) {
            stopReason = StopReason.BUDGET_REACHED;
            return true;
        }
        if (targets.met(dimension, n, d -> sampler.coordinate(d, n))) {
            stopReason = StopReason.TARGETS_MET;
            return true;
        }
        return false;
    }

    /**
     * Writes the run's whole state into {@code dir/state.bin} and its settings into {@code dir/checkpoint.json}
     * ({@link CheckpointFiles}). Call between steps, not from a hook.
     */
    @Override
    public void checkpoint(Path dir) {
        CheckpointFiles.write(dir, this, new EnsembleCheckpoint(FORMAT_VERSION, settings, sampler.iteration(),
                dimension, settings.chains()));
    }

    @Override
    public void writeState(StateWriter out) {
        out.string("stopReason", stopReason == null ? "" : stopReason.name());
        out.part("sampler", sampler);
        out.part("program", stepper);
    }

    @Override
    public void readState(StateReader in) {
        String reason = in.string("stopReason");
        stopReason = reason.isEmpty() ? null : StopReason.valueOf(reason);
        in.part("sampler", sampler);
        in.part("program", stepper);
    }
}
