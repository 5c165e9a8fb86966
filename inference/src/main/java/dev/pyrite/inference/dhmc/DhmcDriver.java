package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.mcmc.StartingPoints;
import dev.pyrite.inference.mcmc.DrawTable;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.mcmc.TransitionStats;
import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs DHMC for C chains in lock step: each {@link #slot()} is one integrator step of every chain that
 * still needs draws ({@link DhmcIntegrator}, its potentials batched over all chains), after which each
 * chain whose trajectory is complete accepts or rejects it, adapts or records its draw, and starts its
 * next trajectory. Chains draw their own step counts, so they finish trajectories at different slots;
 * none waits for another. Each chain draws only from its own stream.
 *
 * <p>{@link McmcSamples#gradientEvaluations()} counts, as NUTS's does, evaluations per chain summed over
 * chains: here every evaluation of the potential, with its gradient or (coordinate-wise updates) without.
 *
 * <p>Its whole state (positions, trajectories in flight, adaptation, draws so far, streams, counters)
 * is {@link Checkpointable}: a driver built with the same settings that reads it continues bit for bit.
 */
public final class DhmcDriver implements Checkpointable {
    private static final double DIVERGENCE = 1000;
    private final DhmcSettings settings;
    private final int chains;
    private final int dimension;
    private final String describe;
    private final DhmcIntegrator integrator;
    private final RandomStream[] streams;
    private final ChainPositions positions;
    private final Trajectories trajectories;
    private final Adaptation adaptation;
    private final DrawTable draws;
    private final int[] iteration;
    private final long[] divergences;
    private final boolean[] active;
    private final int windowStart;
    private final int windowEnd;
    private boolean started;
    private long slots;
    private int reported;
    private long startNanos;
    private long warmupEndNanos = -1;

    DhmcDriver(Potential potential, int[] discontinuous, DhmcSettings settings) {
        this.settings = settings;
        this.chains = settings.chains();
        this.dimension = potential.dimension();
        this.describe = potential.describe();
        long[] shape = {chains, dimension};
        CompiledFunction u = CompiledFunction.of(in -> new Tensor[]{potential.energy(in[0])})
                .using(settings.executor());
        FlatProgram energy = u.flatByRows(settings.dtype(), shape);
        FlatProgram doubleEnergy = u.flatByRows(settings.dtype(), new long[]{2L * chains, dimension});
        FlatProgram gradient = CompiledFunction.withGradients(in -> new Tensor[]{potential.energy(in[0])}, 0)
                .using(settings.executor()).flatByRows(settings.dtype(), shape);
        this.integrator = new DhmcIntegrator(chains, dimension, discontinuous, new BatchedPotential() {
            @Override
            public double[] energy(double[] batch) {
                return (batch.length == chains * dimension ? energy : doubleEnergy).run(batch)[0];
            }

            @Override
            public double[][] energyAndGradient(double[] batch) {
                return gradient.run(batch);
            }
        });
        List<RandomStream> split = MCMC.chainStreams(settings.seed(), chains);
        this.streams = split.toArray(new RandomStream[0]);
        this.positions = new ChainPositions(chains, dimension);
        this.trajectories = new Trajectories(chains, dimension, discontinuous.length);
        this.adaptation = new Adaptation(chains, dimension, settings.targetAccept(), settings.stepSizeCentre());
        this.draws = new DrawTable(chains, settings.samples(), dimension);
        this.iteration = new int[chains];
        this.divergences = new long[chains];
        this.active = new boolean[chains];
        int w = settings.warmup();
        this.windowStart = w >= 20 ? (int) (0.15 * w) : w;
        this.windowEnd = w >= 20 ? (int) (0.75 * w) : w;
    }

    /** Draws the starting points and begins every chain's first trajectory (once). */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        initialize();
        Arrays.fill(active, true);
        for (int c = 0; c < chains; c++) {
            begin(c);
        }
        startNanos = System.nanoTime();
        if (settings.warmup() == 0) {
            warmupEndNanos = startNanos;
        }
    }

    /**
     * One integrator step of every running chain, then each finished trajectory's end.
     *
     * @return whether any chain still needs draws
     */
    public boolean slot() {
        start();
        boolean any = false;
        for (boolean a : active) {
            any |= a;
        }
        if (!any) {
            return false;
        }
        integrator.step(trajectories, adaptation.scale, active, streams);
        slots++;
        for (int c = 0; c < chains; c++) {
            if (active[c] && (trajectories.diverged[c] || trajectories.stepsTaken[c] >= trajectories.steps[c])) {
                finish(c);
            }
        }
        report();
        return true;
    }

    /** Runs every chain to its last draw. */
    public McmcSamples run() {
        start();
        while (slot()) {
            // every running chain takes one integrator step per slot
        }
        long end = System.nanoTime();
        double[] inverseMass = new double[chains * dimension];
        for (int i = 0; i < inverseMass.length; i++) {
            inverseMass[i] = adaptation.scale[i] * adaptation.scale[i];
        }
        return draws.toSamples(settings.dtype(), adaptation.baseStep.clone(), inverseMass,
                (warmupEndNanos - startNanos) / 1e9, (end - warmupEndNanos) / 1e9, integrator.evaluations());
    }

    /** Integrator steps taken so far (every running chain one per slot). */
    public long slots() {
        return slots;
    }

    /** Batched calls of the potential with its gradient so far (one per slot with continuous coordinates). */
    public long gradientCalls() {
        return integrator.gradientCalls();
    }

    /** Batched calls of the potential alone so far (the coordinate-wise updates' evaluations). */
    public long energyCalls() {
        return integrator.energyCalls();
    }

    /** Uniform(-2, 2) starting points (or the given ones), redrawn where the potential is not finite. */
    private void initialize() {
        double[] q = positions.q;
        if (settings.initialPositions() != null) {
            var given = settings.initialPositions();
            if (given.rank() != 2 || given.size(0) != chains || given.size(1) != dimension) {
                throw new IllegalArgumentException("DHMC: initial positions must have shape [" + chains + ", "
                        + dimension + "], got " + Arrays.toString(given.shape()));
            }
            double[] g = given.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(g, 0, q, 0, q.length);
            boolean[] bad = evaluate();
            for (int c = 0; c < chains; c++) {
                if (bad[c]) {
                    throw new IllegalArgumentException("DHMC: the potential is not finite at the given initial"
                            + " position of chain " + c + " (" + describe + ")");
                }
            }
            return;
        }
        StartingPoints.search(chains, q, StartingPoints.uniform(streams, dimension), batch -> evaluate(), "DHMC",
                describe);
    }

    private boolean[] evaluate() {
        double[][] out = integrator.evaluate(positions.q);
        boolean[] bad = new boolean[chains];
        for (int c = 0; c < chains; c++) {
            positions.potential[c] = out[0][c];
            System.arraycopy(out[1], c * dimension, positions.gradient, c * dimension, dimension);
            bad[c] = !Double.isFinite(out[0][c]);
            for (int d : integrator.continuous()) {
                bad[c] |= !Double.isFinite(out[1][c * dimension + d]);
            }
        }
        return bad;
    }

    /** Starts chain {@code c}'s next trajectory: jittered step size and count, fresh momenta. */
    private void begin(int c) {
        Trajectories t = trajectories;
        RandomStream s = streams[c];
        double centre = settings.stepSizeCentre();
        double jitter = (settings.stepSizeLow() + s.uniformDouble() * (settings.stepSizeHigh() - settings.stepSizeLow()))
                / centre;
        t.stepSize[c] = adaptation.baseStep[c] * jitter;
        t.steps[c] = settings.stepsLow() + (int) (s.uniformDouble() * (settings.stepsHigh() - settings.stepsLow() + 1));
        t.stepsTaken[c] = 0;
        t.diverged[c] = false;
        int o = c * dimension;
        System.arraycopy(positions.q, o, t.q, o, dimension);
        System.arraycopy(positions.gradient, o, t.gradient, o, dimension);
        t.potential[c] = positions.potential[c];
        for (int d : integrator.continuous()) {
            t.p[o + d] = s.normalDouble();
        }
        for (int d : integrator.discontinuous()) {
            double magnitude = -Math.log(1 - s.uniformDouble());   // Exp(1): Laplace(0, 1) with a random sign
            t.p[o + d] = s.uniformDouble() < 0.5 ? -magnitude : magnitude;
        }
        t.initialEnergy[c] = integrator.hamiltonian(t, c);
    }

    /** Metropolis on chain {@code c}'s trajectory end, then adaptation or the draw, then its next trajectory. */
    private void finish(int c) {
        Trajectories t = trajectories;
        double energy = integrator.hamiltonian(t, c);
        double rise = energy - t.initialEnergy[c];
        double accept = t.diverged[c] || Double.isNaN(rise) ? 0 : Math.min(1, Math.exp(-rise));
        boolean divergent = t.diverged[c] || !(rise < DIVERGENCE);
        if (streams[c].uniformDouble() < accept) {
            positions.copyChain(c, t.q, t.potential[c], t.gradient);
        }
        int i = iteration[c]++;
        int warmup = settings.warmup();
        if (i < warmup) {
            if (integrator.hasContinuous()) {
                adaptation.learn(c, accept);
            }
            if (i >= windowStart && i < windowEnd) {
                adaptation.observe(c, positions.q);
                if (i == windowEnd - 1) {
                    adaptation.setScales(c);
                    adaptation.restart(c, adaptation.baseStep[c]);
                }
            }
            if (i == warmup - 1 && integrator.hasContinuous()) {
                adaptation.settle(c);
            }
        } else {
            if (divergent) {
                divergences[c]++;
            }
            draws.record(c, i - warmup, positions.q, c * dimension, positions.potential[c],
                    new TransitionStats(accept, 0, t.steps[c], divergent, energy), t.stepSize[c]);
        }
        if (iteration[c] == warmup + settings.samples()) {
            active[c] = false;
        } else {
            begin(c);
        }
    }

    /** Calls the listener for each iteration the slowest chain has finished since the last call. */
    private void report() {
        int slowest = Integer.MAX_VALUE;
        for (int i : iteration) {
            slowest = Math.min(slowest, i);
        }
        int warmup = settings.warmup();
        if (warmupEndNanos < 0 && slowest >= warmup) {
            warmupEndNanos = System.nanoTime();
        }
        if (slowest <= reported) {
            return;
        }
        double meanStep = Arrays.stream(adaptation.baseStep).average().orElse(0);
        long total = Arrays.stream(divergences).sum();
        for (int k = reported + 1; k <= slowest; k++) {
            settings.listener().iteration(k, warmup + settings.samples(), k <= warmup, meanStep, total);
        }
        reported = slowest;
    }

    @Override
    public void writeState(StateWriter out) {
        start();
        out.longValue("slots", slots);
        out.longValue("energyCalls", integrator.energyCalls());
        out.longValue("gradientCalls", integrator.gradientCalls());
        out.longValue("evaluations", integrator.evaluations());
        out.ints("iteration", iteration);
        out.longs("divergences", divergences);
        for (int c = 0; c < chains; c++) {
            out.stream("stream" + c, streams[c]);
        }
        out.part("positions", positions);
        out.part("trajectories", trajectories);
        out.part("adaptation", adaptation);
        out.part("draws", draws);
    }

    @Override
    public void readState(StateReader in) {
        started = true;
        startNanos = System.nanoTime();
        slots = in.longValue("slots");
        long energyCalls = in.longValue("energyCalls");
        long gradientCalls = in.longValue("gradientCalls");
        integrator.restoreCounts(energyCalls, gradientCalls, in.longValue("evaluations"));
        Trajectories.copy(in.ints("iteration"), iteration, "iteration");
        long[] div = in.longs("divergences");
        System.arraycopy(div, 0, divergences, 0, Math.min(div.length, chains));
        for (int c = 0; c < chains; c++) {
            streams[c] = in.stream("stream" + c);
        }
        in.part("positions", positions);
        in.part("trajectories", trajectories);
        in.part("adaptation", adaptation);
        in.part("draws", draws);
        int done = settings.warmup() + settings.samples();
        for (int c = 0; c < chains; c++) {
            active[c] = iteration[c] < done;
        }
        reported = Arrays.stream(iteration).min().orElse(0);
        warmupEndNanos = reported >= settings.warmup() ? startNanos : -1;
    }
}
