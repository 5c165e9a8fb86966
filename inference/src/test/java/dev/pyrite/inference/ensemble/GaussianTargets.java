package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;

/** Independent Gaussian targets with known moments, for the ensemble samplers' tests. */
final class GaussianTargets {
    private GaussianTargets() {
    }

    /** N(0, diag(sigma^2)). */
    static Potential independent(double[] sigma) {
        double[] s = sigma.clone();
        return new Potential() {
            @Override
            public int dimension() {
                return s.length;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.div(Tensor.of(s)).square().sum(false, 1).mul(0.5);
            }
        };
    }

    /** {@code n} scales log-spaced from {@code low} to {@code high}: an ill-conditioned Gaussian. */
    static double[] logSpaced(int n, double low, double high) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * i / (n - 1));
        }
        return s;
    }
}
