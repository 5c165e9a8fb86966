package dev.pyrite.examples.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bnn-breast-cancer's main path on a small configuration. The oracle is logistic regression's level on
 * this data: about 96-97% held-out accuracy (a linear boundary separates the classes well). With 114
 * held-out rows the binomial sd of an accuracy near 0.96 is about 0.018, so a fit at that level falls
 * below 0.90 (3.5 sd) with probability under 1e-3 for any split; the same holds for the DL4J network.
 */
@Tag(TestSeeds.TAG)
class BnnBreastCancerTest {
    @Test
    void everyFitClassifiesAtLogisticRegressionLevelAndBeatsTheBaseRate() {
        BnnBreastCancer.Result r = BnnBreastCancer.run(new BnnBreastCancer.Settings(3, 4, 100, 50, 5, 400, 4, 200, TestSeeds.seed(21)));
        for (ClassifierScores s : new ClassifierScores[]{r.nuts(), r.svi(), r.dl4j()}) {
            assertTrue(s.accuracy() >= 0.90, s + " in " + r);
            // the base rate (about -0.66 nats) is what a classifier with no features gets; a fit at 96% is near -0.1
            assertTrue(s.logLikelihood() > r.baseRateLogLikelihood() + 0.3, s + " in " + r);
            // ECE is a mean absolute gap in [0, 0.5]; a calibrated fit's is the binning noise, about 0.03 here
            assertTrue(s.calibrationError() >= 0 && s.calibrationError() < 0.15, s + " in " + r);
        }
    }
}
