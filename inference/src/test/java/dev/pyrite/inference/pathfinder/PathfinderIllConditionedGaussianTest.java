package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pathfinder on an ill-conditioned Gaussian with independent coordinates (D = 30, scales log-spaced from
 * 0.01 to 1, condition number 1e4, means away from 0): issue 16's G100 at a size a unit test can afford.
 * The exact posterior is known, so each coordinate's resampled mean and variance are checked against it.
 * The error of a mean from n draws resampled out of a pool whose importance weights have effective size E
 * is about {@code sd sqrt(1/E + 1/n)}, that of a variance about {@code var sqrt(2) sqrt(1/E + 1/n)};
 * each assertion allows 4 of those (about 6e-5 per assertion). With the paper's diagonal alone the
 * approximation was a factor 70 off in some coordinates' variances on G100, and the Pareto k 5.
 */
@Tag(TestSeeds.TAG)
class PathfinderIllConditionedGaussianTest {
    static final int D = 30;
    static final int DRAWS = 2000;
    static final int PATHS = 4;
    static final double Z = 4;

    static double scale(int k) {
        return Math.exp(Math.log(0.01) + Math.log(100) * k / (D - 1));
    }

    static double mean(int k) {
        return (k % 3 - 1) * 2 * scale(k) + 0.5;
    }

    static Potential gaussian() {
        double[] m = new double[D];
        double[] precision = new double[D];
        for (int k = 0; k < D; k++) {
            m[k] = mean(k);
            precision[k] = 1 / (scale(k) * scale(k));
        }
        Tensor mu = Tensor.of(m);
        Tensor p = Tensor.of(precision);
        return new Potential() {
            @Override
            public int dimension() {
                return D;
            }

            @Override
            public Tensor energy(Tensor q) {
                Tensor centred = q.sub(mu);
                return centred.mul(centred).mul(p).sum(false, 1).mul(0.5);
            }
        };
    }

    @Test
    void recoversEachCoordinatesMeanAndVariance() {
        PathfinderResult r = Pathfinder.of(gaussian()).paths(PATHS).draws(DRAWS).seed(TestSeeds.seed(1601)).run();
        assertTrue(r.paretoK() < 0.7, "Pareto k " + r.paretoK());
        double[][] x = r.draws().toDoubleMatrix();
        double inflation = Math.sqrt(1 / r.importanceEss() + 1.0 / DRAWS);
        for (int k = 0; k < D; k++) {
            double sum = 0;
            double squares = 0;
            for (double[] row : x) {
                sum += row[k];
                squares += (row[k] - mean(k)) * (row[k] - mean(k));
            }
            double variance = scale(k) * scale(k);
            assertEquals(mean(k), sum / DRAWS, Z * scale(k) * inflation, "mean of coordinate " + k);
            assertEquals(variance, squares / DRAWS, Z * Math.sqrt(2) * variance * inflation,
                    "variance of coordinate " + k);
        }
    }
}
