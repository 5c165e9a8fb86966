package dev.pyrite.inference.ensemble;

/**
 * The first step size of an ensemble: from the starting points, one leapfrog of every chain with fresh
 * momenta (one batched call per try), doubling or halving a shared step until the harmonic mean of the
 * chains' acceptance probabilities crosses 1/2 (Hoffman and Gelman 2014, Algorithm 4, across chains).
 * Positions are not changed; each chain's momenta come from its own stream.
 */
final class InitialStepSize {
    static final int MAX_TRIES = 50;

    private InitialStepSize() {
    }

    static double search(EnsembleState state, BatchedGradient gradient, double[] scale) {
        int c = state.chains;
        int d = state.dimension;
        double[] q = new double[c * d];
        double[] p = new double[c * d];
        double[] u = new double[c];
        double[] g = new double[c * d];
        double eps = 1.0;
        int direction = 0;
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            double[] h0 = new double[c];
            System.arraycopy(state.q, 0, q, 0, q.length);
            for (int i = 0; i < c; i++) {
                int at = i * d;
                for (int k = 0; k < d; k++) {
                    p[at + k] = state.streams[i].normalDouble();
                }
                h0[i] = state.u[i] + ScaledLeapfrog.kinetic(p, at, d);
                ScaledLeapfrog.kick(p, state.grad, scale, 0, 0.5 * eps, at, d);
                ScaledLeapfrog.drift(q, p, scale, 0, eps, at, d);
                if (!ScaledLeapfrog.finite(0, state.grad, q, at, d)) {
                    System.arraycopy(state.q, at, q, at, d);   // keeps the batch finite; counts as rejected
                    h0[i] = Double.NaN;
                }
            }
            gradient.evaluate(q, u, g);
            double inverseSum = 0;
            for (int i = 0; i < c; i++) {
                int at = i * d;
                double accept = 0;
                if (!Double.isNaN(h0[i]) && ScaledLeapfrog.finite(u[i], g, q, at, d)) {
                    ScaledLeapfrog.kick(p, g, scale, 0, 0.5 * eps, at, d);
                    double dh = u[i] + ScaledLeapfrog.kinetic(p, at, d) - h0[i];
                    accept = Double.isFinite(dh) ? Math.min(1.0, Math.exp(-dh)) : 0;
                }
                inverseSum += 1 / Math.max(accept, 1e-300);
            }
            double harmonic = c / inverseSum;
            int want = harmonic > 0.5 ? 1 : -1;
            if (direction != 0 && want != direction) {
                return eps;
            }
            direction = want;
            eps = want > 0 ? eps * 2 : eps / 2;
            if (eps > 1e7 || eps < 1e-12) {
                break;
            }
        }
        return eps;
    }
}
