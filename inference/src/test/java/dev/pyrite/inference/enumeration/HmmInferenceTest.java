package dev.pyrite.inference.enumeration;

import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Markov;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A small HMM (3 states, Gaussian emissions, 6 steps) written two ways, with {@code Pyrite.markov}
 * (one site per step, recycled enumeration dimensions, variable elimination) and with
 * {@link VectorizedMarkov} (one site over a time plate, parallel scan): log evidence, Viterbi path and
 * forward-filter backward-sample draws against brute force over all 3^6 paths.
 */
class HmmInferenceTest {
    static final double[] INIT = {0.5, 0.3, 0.2};
    static final double[][] TRANS = {{0.8, 0.15, 0.05}, {0.1, 0.7, 0.2}, {0.25, 0.25, 0.5}};
    static final double[] LOCS = {-1.0, 0.5, 2.0};
    static final double[] Y = {-0.7, 0.2, 1.9, 2.4, 0.4, -1.2};

    static Tensor trans() {
        return PlatedSumProductTest.matrix(TRANS);
    }

    /** The HMM with one site per step in a Markov context, inside an outer plate of {@code copies} copies. */
    static void markovHmm(int copies) {
        try (Plate draws = Pyrite.plate("draws", copies)) {
            Tensor x = null;
            try (Markov chain = Pyrite.markov()) {
                for (int t : chain.range(Y.length)) {
                    Distribution d = t == 0 ? Categorical.ofProbs(Tensor.of(INIT))
                            : Categorical.ofProbs(Vindex.rows(trans(), x));
                    x = sample("x_" + t, d);
                    sample("y_" + t, Normal.of(Vindex.entries(Tensor.of(LOCS), x), Tensor.scalar(1.0)),
                            Tensor.scalar(Y[t]));
                }
            }
        }
    }

    /** The same HMM as one vectorised chain over a time plate. */
    static void vectorizedHmm(int copies) {
        try (Plate draws = Pyrite.plateAt("draws", copies, -2); Plate time = Pyrite.plateAt("time", Y.length, -1)) {
            Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofProbs(Tensor.of(INIT)),
                    prev -> Categorical.ofProbs(Vindex.rows(trans(), prev)));
            sample("y", Normal.of(Vindex.entries(Tensor.of(LOCS), x), Tensor.scalar(1.0)), Tensor.of(Y));
        }
    }

    static double logJoint(int[] path) {
        double lp = Math.log(INIT[path[0]]);
        for (int t = 0; t < path.length; t++) {
            if (t > 0) {
                lp += Math.log(TRANS[path[t - 1]][path[t]]);
            }
            double z = Y[t] - LOCS[path[t]];
            lp += -0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
        }
        return lp;
    }

    static int[] path(int index) {
        int[] p = new int[Y.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = index % 3;
            index /= 3;
        }
        return p;
    }

    static int index(long[] path) {
        int i = 0;
        for (int t = path.length - 1; t >= 0; t--) {
            i = i * 3 + (int) path[t];
        }
        return i;
    }

    static final int PATHS = 729;

    static double[] bruteForceLogJoints() {
        double[] lj = new double[PATHS];
        for (int i = 0; i < PATHS; i++) {
            lj[i] = logJoint(path(i));
        }
        return lj;
    }

    static double logSumExp(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    @Test
    void logEvidenceBothWays() {
        double exact = logSumExp(bruteForceLogJoints());
        assertEquals(exact, TraceEnum.logMarginal(() -> markovHmm(1)).item(), 1e-10, "markov");
        assertEquals(exact, TraceEnum.logMarginal(() -> vectorizedHmm(1)).item(), 1e-10, "vectorised");
        // Copies in a plate multiply: log evidence times the number of copies.
        assertEquals(5 * exact, TraceEnum.logMarginal(() -> markovHmm(5)).item(), 1e-9, "5 copies");
    }

    @Test
    void markovRecyclesTwoDimensionsAndRecordsWhatEachSiteSaw() {
        EnumHandler en = Handlers.enumerate(-2);
        Trace tr = Handlers.trace().getTrace(en.wrap(ConfigEnumerate.parallel().wrap(() -> markovHmm(1))));
        for (int t = 0; t < Y.length; t++) {
            assertEquals(t % 2 == 0 ? -2 : -3, en.dims().get("x_" + t));
        }
        assertEquals(Map.of(-2, "x_4", -3, "x_3"), tr.site("x_4").infer.get(EnumHandler.VISIBLE_KEY));
        assertEquals(Map.of(-2, "x_4", -3, "x_3"), tr.site("y_4").infer.get(EnumHandler.VISIBLE_KEY));
    }

    @Test
    void viterbiFindsTheBestPathBothWays() {
        double[] lj = bruteForceLogJoints();
        int best = 0;
        for (int i = 1; i < PATHS; i++) {
            if (lj[i] > lj[best]) {
                best = i;
            }
        }
        long[] expected = java.util.Arrays.stream(path(best)).asLongStream().toArray();
        Map<String, Tensor> markov = InferDiscrete.infer(() -> markovHmm(1), Map.of(), 0);
        long[] m = new long[Y.length];
        for (int t = 0; t < Y.length; t++) {
            m[t] = (long) markov.get("x_" + t).toDoubleArray()[0];
        }
        assertArrayEquals(expected, m, "markov Viterbi path");
        Map<String, Tensor> vectorized = InferDiscrete.infer(() -> vectorizedHmm(1), Map.of(), 0);
        assertArrayEquals(new long[]{1, Y.length}, vectorized.get("x").shape());
        long[] v = java.util.Arrays.stream(vectorized.get("x").toDoubleArray()).mapToLong(d -> (long) d).toArray();
        assertArrayEquals(expected, v, "vectorised Viterbi path");
        assertEquals(1, vectorized.size(), "the previous-state site is internal");
    }

    @Tag(TestSeeds.TAG)
    @Test
    void backwardSamplingDrawsPathsFromTheExactPosteriorBothWays() {
        double[] lj = bruteForceLogJoints();
        double z = logSumExp(lj);
        double[] p = new double[PATHS];
        for (int i = 0; i < PATHS; i++) {
            p[i] = Math.exp(lj[i] - z);
        }
        int draws = 20_000;
        Map<String, Tensor> markov = InferDiscrete.infer(() -> markovHmm(draws), Map.of(), 1, RandomStream.of(TestSeeds.seed(1)));
        double[][] columns = new double[Y.length][];
        for (int t = 0; t < Y.length; t++) {
            columns[t] = markov.get("x_" + t).toDoubleArray();
            assertEquals(draws, columns[t].length);
        }
        check(p, draws, columns, "markov");
        Map<String, Tensor> vectorized = InferDiscrete.infer(() -> vectorizedHmm(draws), Map.of(), 1,
                RandomStream.of(TestSeeds.seed(2)));
        double[] flat = vectorized.get("x").toDoubleArray();   // [draws, T]
        double[][] byTime = new double[Y.length][draws];
        for (int d = 0; d < draws; d++) {
            for (int t = 0; t < Y.length; t++) {
                byTime[t][d] = flat[d * Y.length + t];
            }
        }
        check(p, draws, byTime, "vectorised");
    }

    private static void check(double[] p, int draws, double[][] byTime, String what) {
        int[] counts = new int[PATHS];
        for (int d = 0; d < draws; d++) {
            long[] path = new long[Y.length];
            for (int t = 0; t < Y.length; t++) {
                path[t] = (long) byTime[t][d];
            }
            counts[index(path)]++;
        }
        PlatedSumProductTest.assertMatchesDistribution(p, counts, draws, what);
        // And the draws are not all alike: the posterior has several likely paths.
        int distinct = 0;
        for (int c : counts) {
            distinct += c > 0 ? 1 : 0;
        }
        assertTrue(distinct > 20, what + ": " + distinct + " distinct paths");
    }
}
