package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.TestSeeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DualAveraging} in closed loop with HMC of one leapfrog step on a standard normal in one
 * dimension, where the expected acceptance at step {@code e} has an exact one-dimensional form.
 *
 * <p>One leapfrog step is the linear map {@code z' = M z} on {@code z = (q, p)}, with
 * {@code M = [[1 - e^2/2, e], [-e (1 - e^2/4), 1 - e^2/2]]}, so the energy error is
 * {@code dH = r^2/2 g(theta)} with {@code g(theta) = u^T (M^T M - I) u}, {@code u = (cos, sin)(theta)}.
 * At stationarity {@code r^2/2 ~ Exp(1)} independently of the uniform angle, and
 * {@code E[min(1, e^{-X g})] = 1} for {@code g <= 0} and {@code 1/(1 + g)} otherwise: the expected
 * acceptance is the mean over theta of that, a periodic integral evaluated by the trapezoidal rule.
 *
 * <p>What dual averaging guarantees, and what is tested: the averaged step converges to the step whose
 * expected acceptance is the target, with an O(T^-1/2) bias after T updates. The bias is Jensen's:
 * the iterates x_t spread around their fixed point (E[a(x_t)] = delta) and the averaged iterate
 * sits where the acceptance curve is higher. A Python transcription of the textbook algorithm on this
 * target measured it at +0.031 (T = 1000) and +0.016 (T = 4000) for delta 0.8, i.e. about 1.0 / sqrt(T),
 * and 0.35 / sqrt(T) for delta 0.6; the test allows 1.5 / sqrt(T) on the high side on top of four
 * standard errors (chains are independent), and nothing on the low side. The same bias is why Stan's
 * realised acceptance usually lands somewhat above adapt_delta.
 */
@Tag(TestSeeds.TAG)
class DualAveragingGaussianTest {
    private static final int CHAINS = 32;
    private static final int UPDATES = 2000;
    private static final int ANGLES = 20_000;

    /** Expected acceptance of one leapfrog step of size e on N(0, 1) at stationarity. */
    static double expectedAcceptance(double e) {
        double c = 1 - e * e / 2;
        double m00 = c;
        double m01 = e;
        double m10 = -e * (1 - e * e / 4);
        double m11 = c;
        // A = M^T M - I, symmetric.
        double a00 = m00 * m00 + m10 * m10 - 1;
        double a01 = m00 * m01 + m10 * m11;
        double a11 = m01 * m01 + m11 * m11 - 1;
        double sum = 0;
        for (int k = 0; k < ANGLES; k++) {
            double theta = 2 * Math.PI * k / ANGLES;
            double u0 = Math.cos(theta);
            double u1 = Math.sin(theta);
            double g = a00 * u0 * u0 + 2 * a01 * u0 * u1 + a11 * u1 * u1;
            sum += g <= 0 ? 1.0 : 1.0 / (1.0 + g);
        }
        return sum / ANGLES;
    }

    /** Acceptance statistic min(1, exp(-dH)) of one leapfrog step from (q, p); the new q when accepted. */
    private static double[] leapfrog(double q, double p, double e) {
        double pHalf = p - 0.5 * e * q;
        double qNew = q + e * pHalf;
        double pNew = pHalf - 0.5 * e * qNew;
        double dH = 0.5 * (qNew * qNew + pNew * pNew - q * q - p * p);
        return new double[] {Math.min(1.0, Math.exp(-dH)), qNew};
    }

    /** The oracle itself, checked against direct simulation at fixed steps (independent draws from stationarity). */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.375, 1.8})
    void quadratureMatchesSimulatedAcceptance(double e) {
        SplittableRandom random = new SplittableRandom(TestSeeds.seed(31));
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double a = leapfrog(random.nextGaussian(), random.nextGaussian(), e)[0];
            sum += a;
            sumSq += a * a;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertEquals(expectedAcceptance(e), mean, 4 * se, "step " + e);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.8, 0.6})
    void averagedStepReachesTheTargetAcceptance(double target) {
        SplittableRandom random = new SplittableRandom(TestSeeds.seed(17));
        double[] q = new double[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            q[c] = random.nextGaussian();
        }
        // Initial step 1 accepts 0.92 on average: far from either target, so doing nothing fails.
        DualAveraging[] adapt = new DualAveraging[CHAINS];
        double[] step = new double[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            adapt[c] = new DualAveraging(target, 1.0);
            step[c] = adapt[c].current();
        }
        double[] alpha = new double[CHAINS];
        for (int t = 0; t < UPDATES; t++) {
            for (int c = 0; c < CHAINS; c++) {
                double[] r = leapfrog(q[c], random.nextGaussian(), step[c]);
                alpha[c] = r[0];
                if (random.nextDouble() < r[0]) {
                    q[c] = r[1];
                }
            }
            for (int c = 0; c < CHAINS; c++) {
                adapt[c].update(alpha[c]);
                step[c] = adapt[c].current();
            }
        }
        double[] averaged = new double[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            averaged[c] = adapt[c].averaged();
        }
        double sum = 0;
        double sumSq = 0;
        for (double e : averaged) {
            double a = expectedAcceptance(e);
            sum += a;
            sumSq += a * a;
        }
        double mean = sum / CHAINS;
        double se = Math.sqrt((sumSq / CHAINS - mean * mean) / (CHAINS - 1));
        double bias = 1.5 / Math.sqrt(UPDATES);
        assertTrue(mean > target - 4 * se && mean < target + bias + 4 * se,
                "target " + target + ": mean expected acceptance at the averaged steps " + mean + ", se " + se
                        + ", allowed [" + (target - 4 * se) + ", " + (target + bias + 4 * se) + "]");
    }
}
