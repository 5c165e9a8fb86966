package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.TestSeeds;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generalized Pareto fit against draws of a known generalized Pareto distribution (inverse CDF), the
 * smoothing's invariants, and multinomial resampling against known weights.
 */
class ParetoSmoothedWeightsTest {
    static final double Z = 4;

    /**
     * n draws {@code sigma ((1 - u)^(-k) - 1) / k}: the fitted shape is within 4 asymptotic standard errors
     * {@code (1 + k) / sqrt(n)} of k (the maximum-likelihood rate, which Zhang &amp; Stephens' estimate
     * attains; Technometrics 51, 2009, section 4), the scale within 4 of {@code sigma sqrt(2 (1 + k) / n)}.
     */
    @Tag(TestSeeds.TAG)
    @Test
    void fitRecoversAKnownShapeAndScale() {
        int n = 4000;
        RandomStream stream = RandomStream.of(TestSeeds.seed(61));
        for (double k : new double[]{-0.2, 0.3, 0.8, 1.2}) {
            double sigma = 2.5;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = sigma * Math.expm1(-k * Math.log1p(-stream.uniformDouble())) / k;
            }
            GeneralizedParetoFit fit = GeneralizedParetoFit.of(x);
            assertEquals(k, fit.shape(), Z * (1 + k) / Math.sqrt(n), "shape " + k);
            assertEquals(sigma, fit.scale(), Z * sigma * Math.sqrt(2 * (1 + k) / n), "scale at shape " + k);
        }
    }

    @Test
    void quantileInvertsTheDistributionFunction() {
        GeneralizedParetoFit g = new GeneralizedParetoFit(0.4, 1.5);
        for (double p : new double[]{0.01, 0.5, 0.99}) {
            double x = g.quantile(p);
            assertEquals(p, 1 - Math.pow(1 + 0.4 * x / 1.5, -1 / 0.4), 1e-12);
        }
        assertEquals(-1.5 * Math.log(0.5), new GeneralizedParetoFit(0, 1.5).quantile(0.5), 1e-12);
    }

    /** Only the tail changes, it keeps its order, and no weight ends above the largest raw weight. */
    @Test
    void smoothingChangesOnlyTheTailAndCapsItAtTheLargestWeight() {
        int s = 1000;
        RandomStream stream = RandomStream.of(7);
        double[] lw = new double[s];
        for (int i = 0; i < s; i++) {
            lw[i] = 3 * stream.normalDouble() + 10;    // heavy-ish right tail of weights
        }
        lw[17] = Double.NEGATIVE_INFINITY;
        ParetoSmoothedWeights p = ParetoSmoothedWeights.of(lw);
        int tail = (int) Math.ceil(Math.min(0.2 * (s - 1), 3 * Math.sqrt(s - 1)));
        double[] sorted = Arrays.stream(lw).filter(Double::isFinite).sorted().toArray();
        double cutoff = sorted[sorted.length - tail - 1];
        double max = sorted[sorted.length - 1];
        int changed = 0;
        for (int i = 0; i < s; i++) {
            if (lw[i] <= cutoff || !Double.isFinite(lw[i])) {
                assertEquals(lw[i], p.logWeights()[i], "weight " + i + " below the tail");
            } else {
                assertTrue(p.logWeights()[i] > cutoff && p.logWeights()[i] <= max, "tail weight " + i);
                changed++;
            }
        }
        assertEquals(tail, changed);
        assertTrue(Double.isFinite(p.paretoK()));
        // the tail keeps its order
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                if (lw[i] > cutoff && lw[j] > cutoff && lw[i] < lw[j]) {
                    assertTrue(p.logWeights()[i] <= p.logWeights()[j]);
                }
            }
        }
    }

    @Test
    void tooFewDrawsLeaveTheWeightsAsTheyAre() {
        double[] lw = {0.1, 2, -1, 0.5, 3, 1, 0, -2, 1.5, 0.2, 0.7, 0.9, 1.1, 2.2, -0.4, 0.3, 0.6, 1.8, 2.5, 0.05};
        ParetoSmoothedWeights p = ParetoSmoothedWeights.of(lw);     // tail min(4, 13.4) = 4 < 5
        assertArrayEquals(lw, p.logWeights());
        assertTrue(Double.isNaN(p.paretoK()));
    }

    /** Each index's count among n resampled draws is binomial(n, w_i / sum w): within 4 of its sds. */
    @Tag(TestSeeds.TAG)
    @Test
    void resamplingFollowsTheWeights() {
        double[] w = {1, 2, 3, 4, 0};
        double[] lw = Arrays.stream(w).map(Math::log).toArray();
        lw[3] = Double.NaN;     // a non-finite weight counts as 0
        w[3] = 0;
        double total = Arrays.stream(w).sum();
        int n = 20000;
        int[] keep = ImportanceResampling.resample(lw, n, RandomStream.of(TestSeeds.seed(67)));
        int[] count = new int[w.length];
        for (int k : keep) {
            count[k]++;
        }
        for (int i = 0; i < w.length; i++) {
            double p = w[i] / total;
            assertEquals(n * p, count[i], Z * Math.sqrt(n * p * (1 - p)) + 1e-9, "index " + i);
        }
    }
}
