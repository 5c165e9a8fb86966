package dev.pyrite.inference.pathfinder;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pathfinder variational inference (Zhang, Carpenter, Gelman &amp; Vehtari, "Pathfinder: parallel
 * quasi-Newton variational inference", JMLR 23, 2022). Each path runs L-BFGS on U = -log p from a
 * uniform(-2, 2) start; at every iterate a normal approximation is formed from the L-BFGS
 * inverse-Hessian factors, its ELBO estimated with {@code elboDraws} Monte Carlo draws, and the one with
 * the largest ELBO (the smallest KL to the target) is kept. Each iterate offers two approximations, the
 * paper's (diagonal by Gilbert &amp; Lemaréchal's update) and one whose diagonal is fitted to the stored
 * pairs ({@link SecantDiagonal}, exact where the coordinates are independent): the paper's diagonal alone
 * gave Pareto k 5 on a 100-d Gaussian with scales 0.01 to 1 (issue 16). Multi-path Pathfinder pools {@code draws}
 * draws of each path's approximation and resamples {@code draws} of them, with replacement, with
 * Pareto-smoothed importance weights {@code p / q} ({@link ParetoSmoothedWeights}); the Pareto shape
 * {@link PathfinderResult#paretoK()} says how far the draws can be trusted (a warning is logged above 0.7).
 *
 * <p>Pathfinder is a normal approximation on the unconstrained space, taken on the L-BFGS path from the
 * start to the mode. Where the mode lies far from the posterior mass (eight schools, whose joint mode
 * sits at log tau = 3.37 while the posterior's mean of log tau is 0.80), every approximation on the path
 * is poor, the best-ELBO one is narrow, and importance resampling cannot reach the mass the
 * approximations miss: the Pareto k is then well above 0.7.
 *
 * <p>The paths run in lock step: each slot evaluates every running path's next point (its start or a
 * line-search trial) in one batched call of the potential and its gradient, as
 * {@link dev.pyrite.inference.mcmc.ChainDriver} does with chains. The ELBO draws of all paths at one
 * iterate are evaluated in one batched call of U, and the final draws in calls of the same size.
 *
 * <pre>{@code
 * PathfinderResult r = Pathfinder.of(potential).paths(4).draws(1000).seed(1).run();
 * McmcSamples s = r.samples();            // [1, 1000, D], for the summary, CSVs and plots
 * INDArray inits = Pathfinder.of(potential).seed(1).initialPositions(8);   // [8, D] for MCMC
 * }</pre>
 *
 * <p>The optimiser is this package's own L-BFGS ({@link LbfgsPath}) with a strong-Wolfe line search
 * ({@link WolfeLineSearch}): Commons Math has no L-BFGS, and the paths must hand their evaluations to
 * one batched call instead of calling the function themselves. It works in float64 by default:
 * L-BFGS's curvature pairs and convergence test lose their meaning in float32 well before the optimum.
 */
public final class Pathfinder {
    private static final Logger LOG = LoggerFactory.getLogger(Pathfinder.class);
    /** Approximations offered at each iterate: the paper's diagonal and the secant-fitted one. */
    private static final int CANDIDATES = 2;
    private static final int SECANT = 1;

    private final Potential potential;
    private int paths = 4;
    private int draws = 1000;
    private int elboDraws = 25;
    private int historySize = 6;
    private int maxIterations = 1000;
    private double relativeTolerance = 1e4 * Math.ulp(1.0);
    private double gradientTolerance = 1e-8;
    private long seed;
    private DataType dtype = DataType.DOUBLE;
    private Executor executor = Executor.configured();

    private Pathfinder(Potential potential) {
        this.potential = Objects.requireNonNull(potential, "potential");
    }

    /** Pathfinder on a potential over {@code potential.dimension()} unconstrained coordinates. */
    public static Pathfinder of(Potential potential) {
        return new Pathfinder(potential);
    }

    /** Independent L-BFGS paths (default 4); with one, its draws are returned without resampling. */
    public Pathfinder paths(int n) {
        this.paths = positive("paths", n);
        return this;
    }

    /** Draws returned, and draws taken from each path's approximation before resampling (default 1000). */
    public Pathfinder draws(int n) {
        this.draws = positive("draws", n);
        return this;
    }

    /** Monte Carlo draws per ELBO estimate (default 25, Stan's). */
    public Pathfinder elboDraws(int n) {
        this.elboDraws = positive("elboDraws", n);
        return this;
    }

    /** Curvature pairs kept by L-BFGS and by the approximations (default 6, the paper's J). */
    public Pathfinder historySize(int n) {
        this.historySize = positive("historySize", n);
        return this;
    }

    /** L-BFGS iterations per path at most (default 1000). */
    public Pathfinder maxIterations(int n) {
        this.maxIterations = positive("maxIterations", n);
        return this;
    }

    /** L-BFGS stops when |Delta U| <= tol max(1, |U|) (default 1e4 machine epsilons, Stan's tol_rel_obj). */
    public Pathfinder relativeTolerance(double tol) {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("Pathfinder: relativeTolerance must be >= 0, got " + tol);
        }
        this.relativeTolerance = tol;
        return this;
    }

    public Pathfinder seed(long s) {
        this.seed = s;
        return this;
    }

    /** The type the potential is computed in (default float64). */
    public Pathfinder dtype(DataType dt) {
        this.dtype = Objects.requireNonNull(dt, "dtype");
        return this;
    }

    public Pathfinder executor(Executor e) {
        this.executor = Objects.requireNonNull(e, "executor");
        return this;
    }

    /**
     * Starting points {@code [chains, D]} for MCMC ({@code MCMC.nuts(u).initialPositions(...)}): the first
     * {@code chains} of a run's resampled draws (it takes at least {@code chains} draws).
     */
    public INDArray initialPositions(int chains) {
        positive("chains", chains);
        int saved = draws;
        draws = Math.max(draws, chains);
        try {
            return run().draws().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, chains),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        } finally {
            draws = saved;
        }
    }

    /** Runs the paths, selects each one's approximation, and draws. */
    public PathfinderResult run() {
        long start = System.nanoTime();
        int d = potential.dimension();
        List<RandomStream> streams = RandomStream.of(seed).split(paths + 1);
        List<LbfgsPath> lbfgs = new ArrayList<>();
        for (int p = 0; p < paths; p++) {
            lbfgs.add(new LbfgsPath(d, historySize, maxIterations, relativeTolerance, gradientTolerance,
                    streams.get(p)));
        }
        long slots = optimise(lbfgs, d);
        double optimiseSeconds = (System.nanoTime() - start) / 1e9;

        BatchedDensity density = new BatchedDensity(potential, dtype, executor, paths * CANDIDATES * elboDraws);
        Selection[] selected = selectApproximations(lbfgs, streams, density, d);
        double[] pathElbo = new double[paths];
        int[] selectedIteration = new int[paths];
        int[] iterations = new int[paths];
        String[] reasons = new String[paths];
        int usable = 0;
        for (int p = 0; p < paths; p++) {
            pathElbo[p] = selected[p] == null ? Double.NEGATIVE_INFINITY : selected[p].elbo;
            selectedIteration[p] = selected[p] == null ? -1 : selected[p].iteration;
            iterations[p] = lbfgs.get(p).positions().size() - 1;
            reasons[p] = lbfgs.get(p).stopReason();
            usable += selected[p] == null ? 0 : 1;
            LOG.debug("Pathfinder path {}: {} iterations ({}), {} evaluations, ELBO {} at iterate {} ({} diagonal)",
                    p, iterations[p], reasons[p], lbfgs.get(p).evaluations(), pathElbo[p], selectedIteration[p],
                    selected[p] == null ? "no" : selected[p].secant ? "secant" : "Gilbert-Lemarechal");
        }
        if (usable == 0) {
            throw new IllegalStateException("Pathfinder: no path found a normal approximation with a finite ELBO ("
                    + potential.describe() + "); the paths stopped because: " + String.join("; ", reasons));
        }

        // The draws of every usable path's approximation, evaluated in one batched call.
        double[] pooled = new double[usable * draws * d];
        double[] logQ = new double[usable * draws];
        int row = 0;
        for (int p = 0; p < paths; p++) {
            if (selected[p] != null) {
                for (int i = 0; i < draws; i++, row++) {
                    logQ[row] = selected[p].approximation.draw(streams.get(p), pooled, row * d);
                }
            }
        }
        double[] u = density.potentials(pooled, usable * draws);
        double[] logWeights = new double[logQ.length];
        for (int i = 0; i < logQ.length; i++) {
            logWeights[i] = -u[i] - logQ[i];
        }
        // The paper's multi-path step: Pareto-smoothed importance resampling over the union of the paths'
        // draws; the tail fit's shape k is the diagnostic (over 0.7: the approximations miss part of p).
        ParetoSmoothedWeights smoothed = ParetoSmoothedWeights.of(logWeights);
        if (smoothed.paretoK() > 0.7) {
            LOG.warn("Pathfinder: Pareto k of the importance weights is {} (> 0.7): the normal approximations"
                    + " miss a part of the posterior that matters, and the draws are biased; use MCMC ({})",
                    String.format(java.util.Locale.ROOT, "%.2f", smoothed.paretoK()), potential.describe());
        }
        int[] keep;
        if (usable == 1) {
            keep = new int[draws];
            for (int i = 0; i < draws; i++) {
                keep[i] = i;
            }
        } else {
            keep = ImportanceResampling.resample(smoothed.logWeights(), draws, streams.get(paths));
        }
        double[] out = new double[draws * d];
        double[] logDensity = new double[draws];
        double[] outLogQ = new double[draws];
        for (int i = 0; i < draws; i++) {
            System.arraycopy(pooled, keep[i] * d, out, i * d, d);
            logDensity[i] = -u[keep[i]];
            outLogQ[i] = logQ[keep[i]];
        }
        long gradients = 0;
        for (LbfgsPath path : lbfgs) {
            gradients += path.evaluations();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        INDArray zeros = Nd4j.zeros(DataType.DOUBLE, 1, draws);
        McmcSamples samples = new McmcSamples(Nd4j.create(out, new long[]{1, draws, d}, DataType.DOUBLE),
                Nd4j.create(logDensity, new long[]{1, draws}, DataType.DOUBLE), zeros, zeros.dup(), zeros.dup(),
                zeros.dup(), zeros.dup(), zeros.dup(), Nd4j.zeros(DataType.DOUBLE, 1),
                Nd4j.zeros(DataType.DOUBLE, 1, d), optimiseSeconds, seconds - optimiseSeconds, gradients,
                dev.pyrite.inference.mcmc.StopReason.BUDGET_REACHED);
        return new PathfinderResult(samples, Nd4j.create(outLogQ, new long[]{1, draws}, DataType.DOUBLE), pathElbo,
                selectedIteration, iterations, reasons, gradients, density.evaluations(), slots,
                ImportanceResampling.effectiveSampleSize(smoothed.logWeights()), smoothed.paretoK());
    }

    /** L-BFGS of every path in lock step: one batched U and dU/dq call per slot. Returns the slots. */
    private long optimise(List<LbfgsPath> lbfgs, int d) {
        FlatProgram program = CompiledFunction.withGradients(in -> new Tensor[]{potential.energy(in[0])}, 0)
                .using(executor).flat(dtype, new long[]{paths, d});
        double[] batch = new double[paths * d];
        long slots = 0;
        while (true) {
            boolean running = false;
            for (int p = 0; p < paths; p++) {
                LbfgsPath path = lbfgs.get(p);
                running |= !path.done();
                System.arraycopy(path.point(), 0, batch, p * d, d);
            }
            if (!running) {
                return slots;
            }
            double[][] out = program.run(batch);
            slots++;
            for (int p = 0; p < paths; p++) {
                lbfgs.get(p).observe(out[0][p], out[1], p);
            }
        }
    }

    /** An approximation kept for a path, with its ELBO, iterate and whether its diagonal is the secant fit. */
    private record Selection(NormalApproximation approximation, double elbo, int iteration, boolean secant) {
    }

    /**
     * Each path's approximation of largest ELBO, or null where it has none with a finite ELBO. Every iterate
     * offers {@link #CANDIDATES} approximations: the paper's, whose diagonal is Gilbert &amp; Lemaréchal's
     * update, and one whose diagonal is fitted to the stored pairs ({@link SecantDiagonal}); the ELBO,
     * the paper's own criterion, chooses among them as it chooses among iterates. Iterate by iterate, the
     * ELBO draws of all paths and candidates are evaluated in one batched call.
     */
    private Selection[] selectApproximations(List<LbfgsPath> lbfgs, List<RandomStream> streams,
                                             BatchedDensity density, int d) {
        List<List<List<InverseHessianFactors>>> factors = new ArrayList<>();
        int longest = 0;
        for (LbfgsPath path : lbfgs) {
            List<List<InverseHessianFactors>> candidates = new ArrayList<>();
            for (int c = 0; c < CANDIDATES; c++) {
                candidates.add(InverseHessianFactors.alongPath(path.positions(), path.gradients(), historySize,
                        c == SECANT));
            }
            factors.add(candidates);
            longest = Math.max(longest, path.positions().size() - 1);
        }
        Selection[] best = new Selection[paths];
        int rows = paths * CANDIDATES * elboDraws;
        double[] batch = new double[rows * d];
        double[] logQ = new double[rows];
        NormalApproximation[][] current = new NormalApproximation[paths][CANDIDATES];
        for (int l = 1; l <= longest; l++) {
            boolean any = false;
            for (int p = 0; p < paths; p++) {
                LbfgsPath path = lbfgs.get(p);
                for (int c = 0; c < CANDIDATES; c++) {
                    List<InverseHessianFactors> f = factors.get(p).get(c);
                    InverseHessianFactors at = l <= f.size() ? f.get(l - 1) : null;
                    current[p][c] = at == null ? null
                            : NormalApproximation.at(path.positions().get(l), path.gradients().get(l), at);
                    for (int k = 0; k < elboDraws; k++) {
                        int row = (p * CANDIDATES + c) * elboDraws + k;
                        if (current[p][c] != null) {
                            logQ[row] = current[p][c].draw(streams.get(p), batch, row * d);
                        } else {
                            // a finite filler row; its value is not used
                            System.arraycopy(path.positions().get(0), 0, batch, row * d, d);
                        }
                    }
                    any |= current[p][c] != null;
                }
            }
            if (!any) {
                continue;
            }
            double[] u = density.potentials(batch, rows);
            for (int p = 0; p < paths; p++) {
                for (int c = 0; c < CANDIDATES; c++) {
                    if (current[p][c] == null) {
                        continue;
                    }
                    double elbo = 0;
                    for (int k = 0; k < elboDraws; k++) {
                        int row = (p * CANDIDATES + c) * elboDraws + k;
                        elbo += (-u[row] - logQ[row]) / elboDraws;
                    }
                    if (Double.isNaN(elbo)) {
                        elbo = Double.NEGATIVE_INFINITY;
                    }
                    if (elbo > Double.NEGATIVE_INFINITY && (best[p] == null || elbo > best[p].elbo)) {
                        best[p] = new Selection(current[p][c], elbo, l, c == SECANT);
                    }
                }
            }
        }
        return best;
    }

    private static int positive(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Pathfinder: " + name + " must be >= 1, got " + n);
        }
        return n;
    }
}
