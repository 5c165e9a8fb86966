package dev.pyrite.examples.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.junit.jupiter.api.Test;

/** The examples' scores and data handling against hand computations and Commons Math. */
class ScoresTest {
    @Test
    void classifierScoresByHand() {
        // confidences 0.9, 0.8, 0.7, 0.6 fall in bins 9, 8, 7, 6, one point each; hits: yes, no, yes, yes
        ClassifierScores s = ClassifierScores.of(new double[]{0.9, 0.8, 0.3, 0.6}, new double[]{1, 0, 0, 1});
        assertEquals(0.75, s.accuracy(), 1e-15);
        assertEquals((Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.6)) / 4, s.logLikelihood(), 1e-15);
        assertEquals((0.1 + 0.8 + 0.3 + 0.4) / 4, s.calibrationError(), 1e-15);
    }

    @Test
    void intervalsUseType7QuantilesAsCommonsMath() {
        Random r = new Random(5);
        int s = 37;
        int n = 50;
        double[][] draws = new double[s][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian() * 1.3;
            for (int k = 0; k < s; k++) {
                draws[k][i] = r.nextGaussian();
            }
        }
        Percentile p7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7).withNaNStrategy(NaNStrategy.FAILED);
        double covered = 0;
        double width = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            final int col = i;
            double[] c = IntStream.range(0, s).mapToDouble(k -> draws[k][col]).toArray();
            double lo = p7.evaluate(c, 5);
            double hi = p7.evaluate(c, 95);
            covered += y[i] >= lo && y[i] <= hi ? 1 : 0;
            width += (hi - lo) / n;
            double mean = Arrays.stream(c).average().orElseThrow();
            sq += (y[i] - mean) * (y[i] - mean) / n;
        }
        IntervalScores got = IntervalScores.of(draws, y, 0.9);
        assertEquals(covered / n, got.coverage(), 1e-15);
        assertEquals(width, got.meanWidth(), 1e-12);
        assertEquals(Math.sqrt(sq), got.rmse(), 1e-12);
    }

    @Test
    void splitIsAPartitionFixedBySeed() {
        TrainTestSplit a = TrainTestSplit.of(100, 20, 7);
        int[] all = IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 100).toArray(), all);
        assertEquals(20, a.test().length);
        assertArrayEquals(a.test(), TrainTestSplit.of(100, 20, 7).test());
    }

    @Test
    void standardisedTrainingColumnsHaveMeanZeroAndSdOne() {
        double[][] rows = {{1, 10}, {2, 10}, {6, 10}};
        double[][] z = Standardiser.fit(rows).apply(rows);
        double m = (1 + 2 + 6) / 3.0;
        double sd = Math.sqrt(((1 - m) * (1 - m) + (2 - m) * (2 - m) + (6 - m) * (6 - m)) / 3);
        assertEquals((6 - m) / sd, z[2][0], 1e-15);
        assertEquals(0.0, z[0][1], 0.0);        // a constant column stays at 0
    }
}
