package dev.pyrite.inference.gibbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Liu's Metropolised Gibbs step leaves its full conditional invariant, and never leaves the support. */
@Tag(TestSeeds.TAG)
class ModifiedGibbsTest {
    private static final double[] PI = {0.1, 0.0, 0.45, 0.3, 0.15};

    /**
     * Start from an exact draw of pi, take one step: the end point is again a draw of pi. n independent
     * pairs, so each frequency is binomial, checked within 4 of its standard errors.
     */
    @Test
    void leavesTheConditionalInvariant() {
        double[] energies = new double[PI.length];
        for (int k = 0; k < PI.length; k++) {
            energies[k] = PI[k] == 0 ? Double.POSITIVE_INFINITY : -Math.log(PI[k]) + 3.0;   // any constant
        }
        RandomStream stream = RandomStream.of(TestSeeds.seed(43));
        int n = 40000;
        int[] counts = new int[PI.length];
        int moves = 0;
        for (int i = 0; i < n; i++) {
            int start = draw(stream);
            int end = ModifiedGibbs.step(energies, 0, PI.length, start, stream);
            counts[end]++;
            moves += end == start ? 0 : 1;
        }
        assertEquals(0, counts[1], "a value of zero probability is never proposed");
        for (int k = 0; k < PI.length; k++) {
            double se = Math.sqrt(PI[k] * (1 - PI[k]) / n);
            assertTrue(Math.abs(counts[k] / (double) n - PI[k]) <= 4 * se + 1e-12,
                    "P(end = " + k + ") = " + counts[k] / (double) n + ", expected " + PI[k] + " (SE " + se + ")");
        }
        // it moves more often than the plain Gibbs draw, whose move probability is 1 - sum pi_k^2
        double gibbsMoves = 1 - java.util.Arrays.stream(PI).map(p -> p * p).sum();
        assertTrue(moves / (double) n > gibbsMoves, "moves " + moves / (double) n + " vs Gibbs " + gibbsMoves);
    }

    @Test
    void staysWhenAllMassIsOnTheCurrentValue() {
        double[] energies = {Double.POSITIVE_INFINITY, 0.0, Double.NaN};
        assertEquals(1, ModifiedGibbs.step(energies, 0, 3, 1, RandomStream.of(1)));
    }

    private static int draw(RandomStream stream) {
        double u = stream.uniformDouble();
        for (int k = 0; k < PI.length; k++) {
            u -= PI[k];
            if (u < 0) {
                return k;
            }
        }
        return PI.length - 1;
    }
}
