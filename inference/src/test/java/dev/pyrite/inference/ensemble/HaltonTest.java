package dev.pyrite.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HaltonTest {
    @Test
    void firstTermsAreTheBaseTwoRadicalInverse() {
        double[] expected = {0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875, 0.0625};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Halton.at(i + 1), 0.0, "term " + (i + 1));
        }
    }

    @Test
    void firstPowerOfTwoTermsFillTheUnitIntervalEvenly() {
        // 2^k - 1 terms are exactly the multiples of 2^-k: their mean is 1/2
        int n = (1 << 12) - 1;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += Halton.at(i);
        }
        assertEquals(0.5, sum / n, 1e-12);
    }

    @Test
    void indexZeroIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Halton.at(0));
    }
}
