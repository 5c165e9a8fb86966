package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs C chains with a program counter and an iteration count each (Radul et al. 2020, "Automatically
 * batching control-intensive programs for modern accelerators"; TFP's batched NUTS works this way).
 * The only batched computation is U(q) and dU/dq of all chains: one call per lock-step slot, in which
 * every chain that still needs draws takes exactly one leapfrog step of whatever its program is doing
 * (a step-size search round, a NUTS leaf, an HMC step) and then does its own bookkeeping in plain Java
 * over preallocated arrays. A chain whose transition ends records its draw, adapts, and starts its next
 * transition at the next slot: no chain waits for another's tree, and the run ends when every chain
 * has its draws.
 *
 * <p>Each chain draws only from its own stream, so a chain of a batch draws exactly what it draws alone
 * (bit for bit, where the potential computes each row on its own). For the same reason a large batch
 * may run in blocks of chains on several threads ({@link CompiledFunction#flatByRows}, system property
 * {@code pyrite.threads}) and draw the same bits as on one. Warm-up is counted per chain: its
 * own Stan windows ({@link WarmupSchedule}), dual averaging and Welford estimate.
 *
 * <p>All of the driver's state (every chain's, the batch layout, the draws so far, the counters) is
 * written and read as a {@link Checkpointable}: a driver built with the same settings that reads it
 * continues bit for bit. {@link McmcRun} steps a driver iteration by iteration.
 *
 * <pre>{@code
 * ChainDriver<?> driver = MCMC.nuts(potential).chains(64).seed(1).driver();
 * McmcSamples s = driver.run();
 * long calls = driver.slots();   // batched gradient calls, about the longest chain's own leapfrog count
 * }</pre>
 *
 * @param <S> the per-chain transition state (NUTS tree or HMC trajectory)
 */
public final class ChainDriver<S extends TrajectoryState> implements Checkpointable {
    private final Transition<S> transition;
    private final RunSettings settings;
    private final WarmupSchedule schedule;
    /**
     * Batches of at least this many rows shrink to the running chains once half of them are done: the
     * last chains of a large batch would otherwise pay for every row until the end. Smaller batches
     * keep their shape (a new shape costs a trace).
     */
    static final int COMPACT_MIN_ROWS = 64;
    private final CompiledFunction potentialProgram;
    private FlatProgram program;
    /** Each chain's row in the batched call (its index until the batch is compacted). */
    private final int[] rowOf;
    private int rows;
    private boolean compaction = true;
    private int compactions;
    private final List<Chain<S>> chains = new ArrayList<>();
    /** The same chains as an array: the per-slot loops run without iterators. */
    private final Chain<S>[] chainArray;
    private final int dimension;
    /** What the coordinates are, for the starting points' error messages. */
    private final String describe;
    /** The batched call's input: every chain's q, {@code [C * D]} row-major. */
    private double[] batch;
    private final DrawTable table;
    private long slots;
    private boolean started;
    /** Wall-clock time of the slots while the slowest chain was in warm-up, and after (not bit-exact). */
    private long warmupNanos;
    private long samplingNanos;

    ChainDriver(Potential potential, Transition<S> transition, RunSettings settings, List<RandomStream> streams) {
        this.transition = transition;
        this.settings = settings;
        this.schedule = new WarmupSchedule(settings.warmup());
        this.dimension = potential.dimension();
        int c = streams.size();
        this.potentialProgram = CompiledFunction.withGradients(in -> new Tensor[]{potential.energy(in[0])}, 0)
                .using(settings.executor());
        this.program = potentialProgram.flatByRows(settings.dtype(), new long[]{c, dimension});
        this.rows = c;
        this.rowOf = new int[c];
        for (int i = 0; i < c; i++) {
            rowOf[i] = i;
        }
        this.batch = new double[c * dimension];
        this.table = new DrawTable(c, settings.samples(), dimension);
        for (int i = 0; i < c; i++) {
            chains.add(new Chain<>(i, new ChainCursor(streams.get(i)),
                    new AdaptationState(dimension, settings.denseMass(), settings.targetAccept()),
                    transition.newState(dimension), dimension));
        }
        @SuppressWarnings("unchecked")
        Chain<S>[] array = chains.toArray(new Chain[0]);
        this.chainArray = array;
        this.describe = potential.describe();
    }

    /** Draws the starting points and starts every chain's first step-size search (once). */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        Initializer.initialize(chains, program, batch, dimension, settings.initialPositions(), settings.dtype(),
                describe);
        for (Chain<S> chain : chains) {
            chain.cursor.pc = ProgramCounter.STEP_SIZE_SEARCH;
            StepSizeSearch.begin(chain, 1.0);
        }
    }

    /**
     * One lock-step slot: a leapfrog step of every running chain around one batched gradient call, then
     * each chain's bookkeeping.
     *
     * @return whether any chain still needs draws
     */
    public boolean slot() {
        start();
        long begin = System.nanoTime();
        Chain<S>[] all = chainArray;
        int running = 0;
        int slowest = Integer.MAX_VALUE;
        for (Chain<S> chain : all) {
            if (chain.cursor.pc != ProgramCounter.DONE) {
                running++;
            }
            slowest = Math.min(slowest, chain.cursor.iteration);
        }
        if (running == 0) {
            return false;
        }
        if (compaction && rows >= COMPACT_MIN_ROWS && running <= rows / 2) {
            compact(running);
        }
        for (Chain<S> chain : all) {
            if (chain.cursor.pc == ProgramCounter.DONE) {
                continue;
            }
            TrajectoryState t = chain.current();
            IntegratorState s = t.stepping();
            Leapfrog.drift(s, t.signedStep(), chain.metric(), chain.velocity);
            System.arraycopy(s.q, 0, batch, rowOf[chain.index] * dimension, dimension);
        }
        double[][] out = program.run(batch);
        slots++;
        for (Chain<S> chain : all) {
            if (chain.cursor.pc == ProgramCounter.DONE) {
                continue;
            }
            TrajectoryState t = chain.current();
            int row = rowOf[chain.index];
            boolean finite = Leapfrog.kick(t.stepping(), t.signedStep(), out[0][row], out[1], row);
            advance(chain, finite);
        }
        long spent = System.nanoTime() - begin;
        if (slowest < settings.warmup()) {
            warmupNanos += spent;
        } else {
            samplingNanos += spent;
        }
        return true;
    }

    /** Rebinds the batched call to the running chains' rows only (a new signature: traced once). */
    private void compact(int running) {
        int r = 0;
        for (Chain<S> chain : chainArray) {
            if (chain.cursor.pc != ProgramCounter.DONE) {
                rowOf[chain.index] = r++;
            }
        }
        rows = running;
        batch = new double[running * dimension];
        program = potentialProgram.flatByRows(settings.dtype(), new long[]{running, dimension});
        compactions++;
    }

    /** Whether large batches shrink to their running chains (on by default; off to test that it changes nothing). */
    void compaction(boolean on) {
        this.compaction = on;
    }

    /** How many times the batch has shrunk so far. */
    int compactions() {
        return compactions;
    }

    /** Runs every chain to its last draw (no hooks: {@link McmcRun} shows them every iteration). */
    public McmcSamples run() {
        start();
        while (slot()) {
            for (Chain<S> chain : chainArray) {
                chain.pending.clear();
            }
        }
        return samples(settings.samples(), StopReason.BUDGET_REACHED);
    }

    /** The number of iterations (warm-up and sampling) every chain has finished. */
    int slowestIteration() {
        int slowest = Integer.MAX_VALUE;
        for (Chain<S> chain : chainArray) {
            slowest = Math.min(slowest, chain.cursor.iteration);
        }
        return slowest;
    }

    /**
     * Takes every chain's oldest iteration not yet shown to hooks, which must be {@code iteration}: the
     * run calls this once per iteration, in order, after the slowest chain has finished it.
     */
    java.util.List<ChainIteration> takeIteration(int iteration) {
        java.util.List<ChainIteration> out = new ArrayList<>(chainArray.length);
        for (Chain<S> chain : chainArray) {
            ChainIteration it = chain.pending.poll();
            if (it == null || it.iteration() != iteration) {
                throw new IllegalStateException("chain " + chain.index + ": expected iteration " + iteration
                        + " pending, found " + (it == null ? "none" : "iteration " + it.iteration()));
            }
            out.add(it);
        }
        return out;
    }

    /** Draws {@code 0 .. n-1} of coordinate {@code d} as {@code [chain][draw]} (every chain must have them). */
    double[][] coordinate(int d, int n) {
        return table.coordinate(d, n);
    }

    int dimension() {
        return dimension;
    }

    int chainCount() {
        return chainArray.length;
    }

    /** The first {@code n} draws of every chain with the adapted step sizes and metrics as they stand. */
    McmcSamples samples(int n, StopReason reason) {
        double warmupSeconds = warmupNanos / 1e9;
        double samplingSeconds = samplingNanos / 1e9;
        int c = chains.size();
        double[] steps = new double[c];
        boolean dense = settings.denseMass();
        int perChain = dense ? dimension * dimension : dimension;
        double[] inverseMass = new double[c * perChain];
        long gradients = 0;
        for (Chain<S> chain : chains) {
            steps[chain.index] = chain.adaptation.stepSize;
            System.arraycopy(chain.metric().inverseMass(), 0, inverseMass, chain.index * perChain, perChain);
            gradients += chain.leapfrogs;
        }
        INDArray invMass = dense ? DrawTable.array(inverseMass, DataType.DOUBLE, c, dimension, dimension)
                : DrawTable.array(inverseMass, DataType.DOUBLE, c, dimension);
        return table.toSamples(n, settings.dtype(), DrawTable.array(steps, DataType.DOUBLE, c), invMass,
                warmupSeconds, samplingSeconds, gradients, reason);
    }

    /** The batched gradient calls made by lock-step slots so far (the starting points' not counted). */
    public long slots() {
        return slots;
    }

    /** The chain's step after this slot's leapfrog, by program counter. */
    private void advance(Chain<S> chain, boolean finite) {
        switch (chain.cursor.pc) {
            case STEP_SIZE_SEARCH -> {
                if (StepSizeSearch.afterLeapfrog(chain, finite)) {
                    AdaptationState a = chain.adaptation;
                    a.stepSize = chain.search.stepSize;
                    a.dualAveraging.restart(a.stepSize);
                    beginTransition(chain);
                }
            }
            case TRAJECTORY -> {
                if (transition.afterLeapfrog(chain, finite)) {
                    endIteration(chain, transition.finish(chain));
                }
            }
            case DONE -> throw new IllegalStateException("chain " + chain.index + " is done");
        }
    }

    private void beginTransition(Chain<S> chain) {
        chain.cursor.pc = ProgramCounter.TRAJECTORY;
        transition.begin(chain);
    }

    /** Warm-up adaptation or recording of the draw, then the chain's next transition (or its end). */
    private void endIteration(Chain<S> chain, TransitionStats stats) {
        ChainCursor cursor = chain.cursor;
        AdaptationState a = chain.adaptation;
        int i = cursor.iteration;
        int warmup = settings.warmup();
        chain.leapfrogs += stats.leapfrogs();
        cursor.iteration++;
        chain.pending.add(new ChainIteration(chain.index, i, chain.position.q.clone(), -chain.position.potential,
                stats, a.stepSize));
        if (i < warmup) {
            if (stats.divergent()) {
                chain.warmupDivergences++;
            }
            a.dualAveraging.update(stats.acceptStat());
            a.stepSize = a.dualAveraging.current();
            if (schedule.inSlowWindow(i)) {
                a.window.add(chain.position.q);
            }
            if (schedule.endsWindow(i)) {
                a.metric.setInverseMass(a.window.inverseMass(), chain.index);
                a.window.reset();
                cursor.pc = ProgramCounter.STEP_SIZE_SEARCH;
                StepSizeSearch.begin(chain, 1.0);
                return;
            }
            if (cursor.iteration == warmup) {
                a.stepSize = a.dualAveraging.averaged();
            }
        } else {
            if (stats.divergent()) {
                chain.divergences++;
            }
            table.record(chain.index, i - warmup, chain.position, stats, a.stepSize);
        }
        if (cursor.iteration == warmup + settings.samples()) {
            cursor.pc = ProgramCounter.DONE;
        } else {
            beginTransition(chain);
        }
    }

    @Override
    public void writeState(StateWriter out) {
        out.bool("started", started);
        out.longValue("slots", slots);
        out.integer("rows", rows);
        out.ints("rowOf", rowOf);
        out.integer("compactions", compactions);
        out.doubles("batch", batch);
        out.longValue("warmupNanos", warmupNanos);
        out.longValue("samplingNanos", samplingNanos);
        for (Chain<S> chain : chainArray) {
            out.part("chain" + chain.index, chain);
        }
        out.part("draws", table);
    }

    /** Reads a state written by a driver with the same settings; a compacted batch keeps its row count. */
    @Override
    public void readState(StateReader in) {
        started = in.bool("started");
        slots = in.longValue("slots");
        int savedRows = in.integer("rows");
        if (savedRows != rows) {
            rows = savedRows;
            program = potentialProgram.flatByRows(settings.dtype(), new long[]{rows, dimension});
        }
        int[] savedRowOf = in.ints("rowOf");
        if (savedRowOf.length != rowOf.length) {
            throw new IllegalArgumentException("run state has " + savedRowOf.length + " chains, this run "
                    + rowOf.length);
        }
        System.arraycopy(savedRowOf, 0, rowOf, 0, rowOf.length);
        compactions = in.integer("compactions");
        batch = new double[rows * dimension];
        in.doublesInto("batch", batch);
        warmupNanos = in.longValue("warmupNanos");
        samplingNanos = in.longValue("samplingNanos");
        for (Chain<S> chain : chainArray) {
            in.part("chain" + chain.index, chain);
        }
        in.part("draws", table);
    }
}
