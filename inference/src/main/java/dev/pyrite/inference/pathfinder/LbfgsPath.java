package dev.pyrite.inference.pathfinder;

import dev.pyrite.tensor.RandomStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Pathfinder path: L-BFGS (Nocedal &amp; Wright, algorithm 7.5, two-loop recursion with the scaled
 * identity as initial inverse Hessian) minimising U = -log p from a uniform(-2, 2) start, with a
 * {@link WolfeLineSearch}. It is a state machine around one evaluation: {@link #point()} is where U and
 * dU/dq are wanted next and {@link #observe} takes them, so the paths of a run share one batched call.
 * Every accepted iterate is kept ({@link #positions()}, {@link #gradients()}): the normal approximations
 * are built from them afterwards.
 *
 * <p>It stops when the relative change of U falls below {@code relativeTolerance}, when the gradient's
 * largest entry falls below {@code gradientTolerance}, after {@code maxIterations}, or when a line
 * search fails (at a point where no Wolfe step can be found, usually at the optimum's numerical floor).
 */
final class LbfgsPath {
    /** Draws of a starting point before the path gives up (as the samplers' initialiser). */
    static final int MAX_START_TRIES = 100;

    private enum Phase { START, LINE_SEARCH, DONE }

    private final int dimension;
    private final int historySize;
    private final int maxIterations;
    private final double relativeTolerance;
    private final double gradientTolerance;
    private final RandomStream stream;
    private final ArrayDeque<double[][]> history = new ArrayDeque<>();   // {s, y}, newest last
    private final List<double[]> positions = new ArrayList<>();
    private final List<double[]> gradients = new ArrayList<>();
    private final List<Double> potentials = new ArrayList<>();
    private Phase phase = Phase.START;
    private int startTries;
    private double[] x;
    private double[] g;
    private double f;
    private final double[] direction;
    private final double[] trialPoint;
    private WolfeLineSearch search;
    private long evaluations;
    private String stopReason = "running";

    LbfgsPath(int dimension, int historySize, int maxIterations, double relativeTolerance,
              double gradientTolerance, RandomStream stream) {
        this.dimension = dimension;
        this.historySize = historySize;
        this.maxIterations = maxIterations;
        this.relativeTolerance = relativeTolerance;
        this.gradientTolerance = gradientTolerance;
        this.stream = stream;
        this.direction = new double[dimension];
        this.trialPoint = new double[dimension];
        drawStart();
    }

    /** Where U and its gradient are wanted next (the last accepted point once the path is done). */
    double[] point() {
        return phase == Phase.DONE ? x : trialPoint;
    }

    boolean done() {
        return phase == Phase.DONE;
    }

    /** Takes U and dU/dq at {@link #point()}; {@code grad} row {@code row} of a batch of D columns. */
    void observe(double u, double[] grad, int row) {
        if (phase == Phase.DONE) {
            return;
        }
        evaluations++;
        double[] gt = new double[dimension];
        System.arraycopy(grad, row * dimension, gt, 0, dimension);
        if (phase == Phase.START) {
            if (!finite(u, gt)) {
                if (++startTries >= MAX_START_TRIES) {
                    throw new IllegalStateException("Pathfinder: no finite starting point in " + MAX_START_TRIES
                            + " tries of uniform(-2, 2) on the unconstrained space: the log density or its gradient"
                            + " is not finite there");
                }
                drawStart();
                return;
            }
            accept(trialPoint.clone(), u, gt);
            beginIteration();
            return;
        }
        double dphi = dot(gt, direction);
        switch (search.observe(u, dphi)) {
            case CONTINUE -> setTrial(search.trial());
            case FAIL -> stop("line search found no Wolfe step");
            case ACCEPT -> {
                double[] xt = trialPoint.clone();
                double[] s = new double[dimension];
                double[] y = new double[dimension];
                for (int k = 0; k < dimension; k++) {
                    s[k] = xt[k] - x[k];
                    y[k] = gt[k] - g[k];
                }
                // Keep only pairs of positive curvature, so that the two-loop H stays positive definite.
                if (dot(s, y) > 2.2e-16 * dot(y, y)) {
                    history.addLast(new double[][]{s, y});
                    if (history.size() > historySize) {
                        history.removeFirst();
                    }
                }
                double previous = f;
                accept(xt, u, gt);
                if (Math.abs(previous - u) <= relativeTolerance * Math.max(1, Math.max(Math.abs(previous),
                        Math.abs(u)))) {
                    stop("relative change of the objective below tolerance");
                } else if (maxAbs(gt) <= gradientTolerance) {
                    stop("gradient below tolerance");
                } else if (positions.size() - 1 >= maxIterations) {
                    stop("maximum iterations");
                } else {
                    beginIteration();
                }
            }
        }
    }

    private void drawStart() {
        for (int k = 0; k < dimension; k++) {
            trialPoint[k] = 4 * stream.uniformDouble() - 2;
        }
    }

    private void accept(double[] point, double u, double[] grad) {
        x = point;
        f = u;
        g = grad;
        positions.add(point);
        gradients.add(grad);
        potentials.add(u);
    }

    /** The L-BFGS direction -H g by the two-loop recursion, then a line search along it. */
    private void beginIteration() {
        double[] q = g.clone();
        int m = history.size();
        double[] a = new double[m];
        double[] rho = new double[m];
        double[][][] pairs = history.toArray(new double[0][][]);
        for (int i = m - 1; i >= 0; i--) {
            rho[i] = 1 / dot(pairs[i][0], pairs[i][1]);
            a[i] = rho[i] * dot(pairs[i][0], q);
            axpy(-a[i], pairs[i][1], q);
        }
        double scale = m == 0 ? 1 : dot(pairs[m - 1][0], pairs[m - 1][1]) / dot(pairs[m - 1][1], pairs[m - 1][1]);
        for (int k = 0; k < dimension; k++) {
            q[k] *= scale;
        }
        for (int i = 0; i < m; i++) {
            double b = rho[i] * dot(pairs[i][1], q);
            axpy(a[i] - b, pairs[i][0], q);
        }
        for (int k = 0; k < dimension; k++) {
            direction[k] = -q[k];
        }
        double slope = dot(g, direction);
        if (!(slope < 0)) {
            // Not a descent direction (round-off in H): restart from steepest descent.
            history.clear();
            for (int k = 0; k < dimension; k++) {
                direction[k] = -g[k];
            }
            slope = dot(g, direction);
            m = 0;
        }
        if (!(slope < 0)) {
            stop("zero gradient");
            return;
        }
        // Without curvature information the first step is kept short (at most 1 in the largest coordinate).
        double first = m == 0 ? Math.min(1, 1 / maxAbs(direction)) : 1;
        search = new WolfeLineSearch(f, slope, first);
        phase = Phase.LINE_SEARCH;
        setTrial(first);
    }

    private void setTrial(double step) {
        for (int k = 0; k < dimension; k++) {
            trialPoint[k] = x[k] + step * direction[k];
        }
    }

    private void stop(String reason) {
        phase = Phase.DONE;
        stopReason = reason;
    }

    /** The accepted iterates x_0 .. x_L. */
    List<double[]> positions() {
        return positions;
    }

    /** dU/dq at each accepted iterate. */
    List<double[]> gradients() {
        return gradients;
    }

    /** U at each accepted iterate. */
    List<Double> potentials() {
        return potentials;
    }

    /** Evaluations of U and dU/dq this path has asked for (including rejected starts and line-search trials). */
    long evaluations() {
        return evaluations;
    }

    String stopReason() {
        return stopReason;
    }

    /** Whether the path started from a finite point (at least x_0 accepted). */
    boolean started() {
        return !positions.isEmpty();
    }

    private static boolean finite(double u, double[] grad) {
        if (!Double.isFinite(u)) {
            return false;
        }
        for (double v : grad) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += alpha * x[k];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
