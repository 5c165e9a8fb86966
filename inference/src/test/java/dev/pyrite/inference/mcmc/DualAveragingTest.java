package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DualAveraging} against the update equations of Hoffman and Gelman (2014), eq. (6) and
 * section 3.2, with Stan's constants (gamma 0.05, t0 10, kappa 0.75) and mu = log(10 * initial step):
 * <pre>
 *   Hbar_t   = (1 - 1/(t + t0)) Hbar_{t-1} + (delta - min(1, alpha_t)) / (t + t0)
 *   x_t      = mu - sqrt(t) / gamma * Hbar_t
 *   xbar_t   = t^-kappa x_t + (1 - t^-kappa) xbar_{t-1}
 * </pre>
 */
class DualAveragingTest {
    private static final double LN10 = Math.log(10.0);

    /**
     * Two steps by hand, target 0.8, initial step 1 (mu = ln 10). Step 1, alpha = 0.5:
     * Hbar = 0.3/11, x = ln 10 - (0.3/11)/0.05 = ln 10 - 6/11, xbar = x. Step 2, alpha = 1.2 clipped
     * to 1: Hbar = (11/12)(0.3/11) - 0.2/12 = 1/120, x = ln 10 - sqrt(2)/(120 * 0.05) = ln 10 - sqrt(2)/6,
     * xbar = 2^-0.75 x_2 + (1 - 2^-0.75) x_1.
     */
    @Test
    void twoStepsByHand() {
        DualAveraging a = new DualAveraging(0.8, 1.0);
        a.update(0.5);
        double x1 = LN10 - 6.0 / 11.0;
        assertEquals(Math.exp(x1), a.current(), 1e-13);
        assertEquals(Math.exp(x1), a.averaged(), 1e-13);
        a.update(1.2);
        double x2 = LN10 - Math.sqrt(2.0) / 6.0;
        double eta = Math.pow(2.0, -0.75);
        assertEquals(Math.exp(x2), a.current(), 1e-13);
        assertEquals(Math.exp(eta * x2 + (1 - eta) * x1), a.averaged(), 1e-13);
    }

    /** Three chains, each its own adapter, sequence and initial step, against a scalar transcription. */
    @Test
    void eachChainFollowsTheScalarRecursion() {
        double[] initial = {0.3, 1.0, 2.5};
        double target = 0.65;
        DualAveraging[] a = new DualAveraging[3];
        for (int c = 0; c < 3; c++) {
            a[c] = new DualAveraging(target, initial[c]);
        }
        double[] hBar = new double[3];
        double[] xBar = new double[3];
        double[] x = new double[3];
        SplittableRandom random = new SplittableRandom(99);
        for (int t = 1; t <= 300; t++) {
            double[] alpha = {random.nextDouble(), random.nextDouble() * 1.5, t % 7 == 0 ? 1.0 : 0.2};
            for (int c = 0; c < 3; c++) {
                a[c].update(alpha[c]);
            }
            for (int c = 0; c < 3; c++) {
                double w = 1.0 / (t + 10.0);
                hBar[c] = (1 - w) * hBar[c] + w * (target - Math.min(1.0, alpha[c]));
                x[c] = Math.log(10 * initial[c]) - Math.sqrt(t) / 0.05 * hBar[c];
                double eta = Math.pow(t, -0.75);
                xBar[c] = eta * x[c] + (1 - eta) * xBar[c];
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(x[c], Math.log(a[c].current()), 1e-10, "t " + t + ", chain " + c);
                assertEquals(xBar[c], Math.log(a[c].averaged()), 1e-10, "t " + t + ", chain " + c);
            }
        }
    }

    /**
     * Summing the recursion gives (t + t0) Hbar_t = sum_i (delta - alpha_i), so for any acceptance sequence
     * in [0, 1] the mean acceptance so far is delta - (t + t0)/t * gamma (mu - x_t) / sqrt(t): what dual
     * averaging drives to the target, at rate t^-1/2 while x_t stays bounded.
     */
    @Test
    void meanAcceptanceIdentity() {
        double target = 0.8;
        DualAveraging a = new DualAveraging(target, 0.5);
        double mu = Math.log(5.0);
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        for (int t = 1; t <= 500; t++) {
            double alpha = random.nextDouble();
            sum += alpha;
            a.update(alpha);
            double x = Math.log(a.current());
            double expected = target - (t + 10.0) / t * 0.05 * (mu - x) / Math.sqrt(t);
            assertEquals(expected, sum / t, 1e-10, "t " + t);
        }
    }

    /** A restart forgets the history and shrinks towards log(10 * new step). */
    @Test
    void restartStartsAfresh() {
        DualAveraging a = new DualAveraging(0.8, 1.0);
        for (int t = 0; t < 20; t++) {
            a.update(0.1);
        }
        a.restart(0.2);
        assertEquals(0.2, a.current(), 1e-15);
        a.update(0.5);
        double x1 = Math.log(2.0) - 6.0 / 11.0;
        assertEquals(Math.exp(x1), a.current(), 1e-13);
        assertEquals(Math.exp(x1), a.averaged(), 1e-13);
    }
}
