package dev.pyrite.examples.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bnn-diabetes' main path on a small configuration. If the predictive distribution is right, each
 * held-out point falls in its 90% interval with probability 0.9, so the coverage of 88 points is
 * binomial: sd sqrt(0.9 x 0.1 / 88) = 0.032, and 4 sd is 0.128 (0.5: sd 0.053, 4 sd 0.21).
 */
@Tag(TestSeeds.TAG)
class BnnDiabetesTest {
    @Test
    void predictiveIntervalsCoverWithinBinomialErrorAndTheMeanBeatsTheConstant() {
        BnnDiabetes.Result r = BnnDiabetes.run(new BnnDiabetes.Settings(4, 4, 100, 50, 5, TestSeeds.seed(31)));
        int n = BnnDiabetes.TEST_SIZE;
        assertEquals(0.9, r.ninety().coverage(), 4 * Math.sqrt(0.9 * 0.1 / n), r.toString());
        assertEquals(0.5, r.fifty().coverage(), 4 * Math.sqrt(0.5 * 0.5 / n), r.toString());
        // linear regression explains about half the variance here (R^2 ~ 0.5, Efron et al. 2004):
        // its RMSE is ~0.7 sd; a useful fit is at least below 0.9 sd (predicting the mean gives 1 sd)
        assertTrue(r.ninety().rmse() < 0.9 * r.testSd(), r.toString());
        // a Gaussian 90% interval is 3.29 sigma wide: the widths must agree with the fitted noise to 25%
        assertEquals(3.29 * r.sigma(), r.ninety().meanWidth(), 0.25 * 3.29 * r.sigma(), r.toString());
    }
}
