package dev.pyrite.inference.dhmc;

import dev.pyrite.tensor.RandomStream;

/**
 * One integrator step of DHMC for every chain at once (Nishimura, Dunson and Lu 2020, Algorithm 2): a
 * half leapfrog step of the continuous coordinates (Gaussian momentum), the discontinuous coordinates
 * updated one by one in a random order (Laplace momentum, {@link CoordinatewiseStep}), and the other
 * half step of the continuous ones. Every potential it needs is one batched call over all chains: one
 * call per coordinate visit (each chain proposing its own coordinate of that visit; the first visit's
 * call also evaluates U after the half drift, the base of the differences, as {@code C} more rows) and
 * U with its gradient at the end. So a step costs {@code J + 1} calls with continuous coordinates,
 * {@code J} without.
 *
 * <p>Coordinates are scaled: coordinate {@code d} moves by {@code stepSize * scale[d] * p[d]} (continuous)
 * or {@code stepSize * scale[d]} (discontinuous), which is DHMC with a diagonal mass matrix.
 */
final class DhmcIntegrator {
    private final int chains;
    private final int dimension;
    private final int[] continuous;
    private final int[] discontinuous;
    private final BatchedPotential potential;
    private final double[] batch;
    /** The first visit's input: the drifted positions, then the proposals ({@code 2C} rows). */
    private final double[] doubleBatch;
    private long energyCalls;
    private long gradientCalls;
    /** Potential evaluations of running chains (rows used), summed over chains: the samplers' cost unit. */
    private long evaluations;

    DhmcIntegrator(int chains, int dimension, int[] discontinuous, BatchedPotential potential) {
        this.chains = chains;
        this.dimension = dimension;
        this.discontinuous = discontinuous.clone();
        boolean[] jump = new boolean[dimension];
        for (int j : discontinuous) {
            jump[j] = true;
        }
        this.continuous = java.util.stream.IntStream.range(0, dimension).filter(d -> !jump[d]).toArray();
        this.potential = potential;
        this.batch = new double[chains * dimension];
        this.doubleBatch = new double[2 * chains * dimension];
    }

    boolean hasContinuous() {
        return continuous.length > 0;
    }

    int[] continuous() {
        return continuous;
    }

    int[] discontinuous() {
        return discontinuous;
    }

    /** Batched calls of U alone so far. */
    long energyCalls() {
        return energyCalls;
    }

    /** Batched calls of U with its gradient so far. */
    long gradientCalls() {
        return gradientCalls;
    }

    /** Potential evaluations (with or without gradient) of running chains so far, summed over chains. */
    long evaluations() {
        return evaluations;
    }

    /** Continues the counts of a checkpointed run. */
    void restoreCounts(long energy, long gradient, long evaluated) {
        this.energyCalls = energy;
        this.gradientCalls = gradient;
        this.evaluations = evaluated;
    }

    /** U and gradient at every chain's {@code q} (starting points). */
    double[][] evaluate(double[] q) {
        gradientCalls++;
        evaluations += chains;
        return potential.energyAndGradient(q);
    }

    /**
     * Takes one step of every chain marked {@code active}; the others keep their state. A chain whose
     * potential or gradient stops being finite is marked {@code diverged} and not moved further.
     */
    void step(Trajectories t, double[] scale, boolean[] active, RandomStream[] streams) {
        int jCount = discontinuous.length;
        for (int c = 0; c < chains; c++) {
            if (active[c] && !t.diverged[c]) {
                halfKick(t, scale, c);
                halfDrift(t, scale, c);
                shuffle(t.order, c * jCount, streams[c]);
            }
        }
        if (jCount > 0) {
            for (int v = 0; v < jCount; v++) {
                visit(t, scale, active, v, v == 0 && hasContinuous());
            }
        }
        if (hasContinuous()) {
            for (int c = 0; c < chains; c++) {
                if (active[c] && !t.diverged[c]) {
                    halfDrift(t, scale, c);
                }
            }
            System.arraycopy(t.q, 0, batch, 0, batch.length);
            double[][] out = potential.energyAndGradient(batch);
            gradientCalls++;
            for (int c = 0; c < chains; c++) {
                if (active[c] && !t.diverged[c]) {
                    evaluations++;
                    t.potential[c] = out[0][c];
                    System.arraycopy(out[1], c * dimension, t.gradient, c * dimension, dimension);
                    t.diverged[c] = !finite(t, c);
                    if (!t.diverged[c]) {
                        halfKick(t, scale, c);
                    }
                }
            }
        }
        for (int c = 0; c < chains; c++) {
            if (active[c]) {
                t.stepsTaken[c]++;
            }
        }
    }

    /**
     * Visit {@code v} of the step: every chain proposes a move of its own {@code v}-th coordinate. With
     * {@code withBase} (the first visit after the continuous half drift) the same call also evaluates U
     * at the drifted positions, the base of the first differences: {@code 2C} rows, one call.
     */
    private void visit(Trajectories t, double[] scale, boolean[] active, int v, boolean withBase) {
        int jCount = discontinuous.length;
        int offset = withBase ? batch.length : 0;
        double[] rows = withBase ? doubleBatch : batch;
        if (withBase) {
            System.arraycopy(t.q, 0, rows, 0, batch.length);
        }
        System.arraycopy(t.q, 0, rows, offset, batch.length);
        for (int c = 0; c < chains; c++) {
            if (active[c] && !t.diverged[c]) {
                int at = c * dimension + t.order[c * jCount + v];
                rows[offset + at] += t.stepSize[c] * scale[at] * Math.signum(t.p[at]);
            }
        }
        double[] u = potential.energy(rows);
        energyCalls++;
        int shift = withBase ? chains : 0;
        for (int c = 0; c < chains; c++) {
            if (withBase && active[c] && !t.diverged[c]) {
                t.potential[c] = u[c];
                t.diverged[c] = !Double.isFinite(u[c]);
            }
            if (active[c] && !t.diverged[c]) {
                evaluations += withBase ? 2 : 1;
                int at = c * dimension + t.order[c * jCount + v];
                double proposed = u[shift + c];
                double deltaU = Double.isNaN(proposed) ? Double.POSITIVE_INFINITY : proposed - t.potential[c];
                if (CoordinatewiseStep.moves(t.p[at], deltaU)) {
                    t.q[at] = rows[offset + at];
                    t.potential[c] = proposed;
                }
                t.p[at] = CoordinatewiseStep.momentumAfter(t.p[at], deltaU);
            }
        }
    }

    private void halfKick(Trajectories t, double[] scale, int c) {
        double half = 0.5 * t.stepSize[c];
        int o = c * dimension;
        for (int d : continuous) {
            t.p[o + d] -= half * scale[o + d] * t.gradient[o + d];
        }
    }

    private void halfDrift(Trajectories t, double[] scale, int c) {
        double half = 0.5 * t.stepSize[c];
        int o = c * dimension;
        for (int d : continuous) {
            t.q[o + d] += half * scale[o + d] * t.p[o + d];
        }
    }

    private boolean finite(Trajectories t, int c) {
        if (!Double.isFinite(t.potential[c])) {
            return false;
        }
        int o = c * dimension;
        for (int d : continuous) {
            if (!Double.isFinite(t.gradient[o + d])) {
                return false;
            }
        }
        return true;
    }

    /** A fresh random order of the discontinuous coordinates (Fisher-Yates), drawn from the chain's stream. */
    private void shuffle(int[] order, int offset, RandomStream stream) {
        int n = discontinuous.length;
        for (int i = 0; i < n; i++) {
            order[offset + i] = discontinuous[i];
        }
        for (int i = n - 1; i > 0; i--) {
            int k = (int) (stream.uniformDouble() * (i + 1));
            int tmp = order[offset + i];
            order[offset + i] = order[offset + k];
            order[offset + k] = tmp;
        }
    }

    /** The Hamiltonian of chain {@code c}: U, plus |p|^2 / 2 of the continuous and |p| of the discontinuous coordinates. */
    double hamiltonian(Trajectories t, int c) {
        int o = c * dimension;
        double h = t.potential[c];
        for (int d : continuous) {
            h += 0.5 * t.p[o + d] * t.p[o + d];
        }
        for (int d : discontinuous) {
            h += Math.abs(t.p[o + d]);
        }
        return h;
    }
}
