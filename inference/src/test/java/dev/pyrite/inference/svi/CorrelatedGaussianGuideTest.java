package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.handlers.ParamStore;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * AutoMultivariateNormal and AutoLowRankMultivariateNormal against the closed-form posterior of a
 * Bayesian linear regression with known noise ({@link LinearRegressionPosterior}: three coefficients,
 * two of them with posterior correlation -0.91). Both families hold the exact posterior: the full
 * Cholesky factor trivially, and {@code W W^T + diag(d)} with rank D - 1 too, since
 * {@code Sigma = (Sigma - l I) + l I} with {@code l} just under the smallest eigenvalue, and
 * {@code Sigma - l I} is positive semi-definite of rank D - 1 when that eigenvalue is simple (and close
 * to it otherwise). So the optimum of the ELBO is the exact mean and covariance, and the check averages
 * the SVI iterates at a constant rate and allows {@value IterateAverage#MCSE_MULTIPLE} Monte Carlo
 * errors of that average ({@link IterateAverage}).
 */
@Tag(TestSeeds.TAG)
@Tag("slow")
class CorrelatedGaussianGuideTest {
    static final int D = LinearRegressionPosterior.D;

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Test
    void fullCovarianceRecoversTheExactPosterior() {
        AutoMultivariateNormal guide = AutoMultivariateNormal.of(LinearRegressionPosterior::model);
        check(guide, guide::covariance, TestSeeds.seed(41), 500);
    }

    @Test
    void lowRankPlusDiagonalOfRankDMinusOneRecoversTheExactPosterior() {
        AutoLowRankMultivariateNormal guide = AutoLowRankMultivariateNormal.of(LinearRegressionPosterior::model, D - 1);
        // W starts near 0 and the factorisation has flat directions: twice the steps to settle and to average
        check(guide, guide::covariance, TestSeeds.seed(43), 1000);
    }

    /**
     * {@code steps} steps down to a constant rate 0.01, then {@code steps} more averaged. 256 particles
     * (the step costs about the same as with 16) make Adam's normalised steps fluctuate less and forget
     * faster, so that the averaged series has an effective size in the tens; beta2 = 0.99 lets Adam's
     * second moment forget the large gradients of the approach within the warm-up.
     */
    private static void check(AutoGuide guide, Supplier<Tensor> covariance, long seed, int steps) {
        SVI svi = new SVI(LinearRegressionPosterior::model, guide,
                Adam.of(IterateAverage.warmupThenConstant(0.05, 0.01, steps), 0.9, 0.99), TraceELBO.of(256)).seed(seed);
        Tensor[] args = LinearRegressionPosterior.args();
        // mean [D], then the covariance's upper triangle row by row
        IterateAverage avg = IterateAverage.of(svi, steps, steps, () -> {
            double[] mean = guide.median().get("w").toDoubleArray();
            double[] cov = covariance.get().toDoubleArray();
            double[] out = new double[D + D * (D + 1) / 2];
            System.arraycopy(mean, 0, out, 0, D);
            int k = D;
            for (int i = 0; i < D; i++) {
                for (int j = i; j < D; j++) {
                    out[k++] = cov[i * D + j];
                }
            }
            return out;
        }, args);
        double[] mean = LinearRegressionPosterior.mean();
        double[][] cov = LinearRegressionPosterior.covariance();
        assertEquals(-0.91, cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1]), 0.01, "the posterior is strongly correlated");
        for (int i = 0; i < D; i++) {
            avg.assertNear(i, mean[i], Math.sqrt(cov[i][i]), "posterior mean of w[" + i + "]");
        }
        int k = D;
        for (int i = 0; i < D; i++) {
            for (int j = i; j < D; j++) {
                avg.assertNear(k++, cov[i][j], Math.sqrt(cov[i][i] * cov[j][j]), "posterior covariance of w[" + i + "], w[" + j + "]");
            }
        }
    }
}
