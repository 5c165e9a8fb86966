package dev.pyrite.inference.enumeration;

import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Markov;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Exact marginals of all-discrete models by parallel enumeration against sequential enumeration
 * ({@code Handlers.queue}, one complete run per joint assignment), and against brute force for HMMs.
 */
class DiscreteMarginalsTest {
    static final double[][] WEATHER = {{0.6, 0.3, 0.1}, {0.1, 0.3, 0.6}};          // given rain
    static final double[][] REPORT = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.2, 0.7}};   // given weather
    static final double[][] FIRST = {{0.7, 0.3}, {0.5, 0.5}, {0.2, 0.8}};      // given weather
    static final double[][] NEXT = {{0.9, 0.1}, {0.3, 0.7}};

    /** A Bayesian network with Bernoulli and categorical sites, observations and a short Markov chain (192 assignments). */
    static void network() {
        Tensor cloudy = sample("cloudy", Bernoulli.ofProbs(0.5));
        Tensor sprinkler = sample("sprinkler", Bernoulli.ofProbs(cloudy.mul(-0.4).add(0.5)));
        Tensor rain = sample("rain", Bernoulli.ofProbs(cloudy.mul(0.6).add(0.2)));
        Tensor wet = sprinkler.mul(0.8).add(rain.mul(0.9)).sub(sprinkler.mul(rain).mul(0.81)).add(0.05);
        sample("wet", Bernoulli.ofProbs(wet), Tensor.scalar(1.0));
        Tensor weather = sample("weather", Categorical.ofProbs(Vindex.rows(PlatedSumProductTest.matrix(WEATHER), rain)));
        sample("report", Categorical.ofProbs(Vindex.rows(PlatedSumProductTest.matrix(REPORT), weather)),
                Tensor.ofLongs(2).reshape());
        Tensor w = weather;
        try (Markov chain = Pyrite.markov()) {
            for (int t : chain.range(3)) {
                double[][] table = t == 0 ? FIRST : NEXT;
                w = sample("w_" + t, Categorical.ofProbs(Vindex.rows(PlatedSumProductTest.matrix(table), w)));
            }
        }
        sample("late", Bernoulli.ofProbs(Vindex.entries(Tensor.of(0.2, 0.8), w)), Tensor.scalar(1.0));
    }

    /** Marginals by sequential enumeration: per site, per value, the normalised sum of exp(log joint). */
    static Map<String, double[]> queueMarginals(Runnable model, Map<String, Integer> sizes) {
        Queue<Trace> queue = new ArrayDeque<>(List.of(new Trace()));
        Supplier<Object> enumerated = Handlers.queue(queue).wrap(() -> {
            model.run();
            return null;
        });
        Map<String, double[]> out = new LinkedHashMap<>();
        sizes.forEach((k, v) -> out.put(k, new double[v]));
        double z = 0;
        while (!queue.isEmpty()) {
            Trace tr = Handlers.trace().getTrace(enumerated);
            double p = Math.exp(tr.logProbSum().item());
            z += p;
            for (Message m : tr.latentSites()) {
                out.get(m.name)[(int) m.tensorValue().item()] += p;
            }
        }
        for (double[] v : out.values()) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= z;
            }
        }
        return out;
    }

    @Test
    void networkMarginalsAgreeWithSequentialEnumeration() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String s : List.of("cloudy", "sprinkler", "rain")) {
            sizes.put(s, 2);
        }
        sizes.put("weather", 3);
        for (String s : List.of("w_0", "w_1", "w_2")) {
            sizes.put(s, 2);
        }
        Map<String, double[]> expected = queueMarginals(DiscreteMarginalsTest::network, sizes);
        Map<String, DiscreteMarginals.Marginal> actual = DiscreteMarginals.of(DiscreteMarginalsTest::network);
        assertEquals(sizes.keySet(), actual.keySet());
        for (String s : sizes.keySet()) {
            assertArrayEquals(expected.get(s), actual.get(s).probs().toDoubleArray(), 1e-10, s);
        }
        assertArrayEquals(new double[]{0, 1, 2}, actual.get("weather").values().toDoubleArray(), 0.0);
    }

    static final double[] Y = {0.9, -1.4, 0.2};
    static final double[][] GIVEN_C = {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}};
    static final double[] LOCS = {-1.0, 0.0, 1.0};

    /** A global coin and per-point categories, in a plate or as a sequential loop. */
    static void plated(boolean vectorised) {
        Tensor c = sample("c", Bernoulli.ofProbs(0.4));
        Tensor probs = Vindex.rows(PlatedSumProductTest.matrix(GIVEN_C), c);
        if (vectorised) {
            try (Plate p = Pyrite.plate("points", Y.length)) {
                Tensor z = sample("z", Categorical.ofProbs(probs));
                sample("y", Normal.of(Vindex.entries(Tensor.of(LOCS), z), Tensor.scalar(0.8)), Tensor.of(Y));
            }
        } else {
            for (int i = 0; i < Y.length; i++) {
                Tensor z = sample("z_" + i, Categorical.ofProbs(probs));
                sample("y_" + i, Normal.of(Vindex.entries(Tensor.of(LOCS), z), Tensor.scalar(0.8)),
                        Tensor.scalar(Y[i]));
            }
        }
    }

    @Test
    void platedMarginalsAgreeWithTheUnrolledModelEnumeratedSequentially() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("c", 2);
        for (int i = 0; i < Y.length; i++) {
            sizes.put("z_" + i, 3);
        }
        Map<String, double[]> expected = queueMarginals(() -> plated(false), sizes);
        Map<String, DiscreteMarginals.Marginal> actual = DiscreteMarginals.of(() -> plated(true));
        assertArrayEquals(expected.get("c"), actual.get("c").probs().toDoubleArray(), 1e-10, "c");
        Tensor z = actual.get("z").probs();
        assertArrayEquals(new long[]{Y.length, 3}, z.shape());
        for (int i = 0; i < Y.length; i++) {
            assertArrayEquals(expected.get("z_" + i), z.select(0, i).toDoubleArray(), 1e-10, "z[" + i + "]");
        }
    }

    @Test
    void hmmMarginalsAgreeWithBruteForceBothWays() {
        double[] lj = HmmInferenceTest.bruteForceLogJoints();
        double z = HmmInferenceTest.logSumExp(lj);
        int steps = HmmInferenceTest.Y.length;
        double[][] expected = new double[steps][3];
        for (int i = 0; i < lj.length; i++) {
            int[] path = HmmInferenceTest.path(i);
            for (int t = 0; t < steps; t++) {
                expected[t][path[t]] += Math.exp(lj[i] - z);
            }
        }
        Map<String, DiscreteMarginals.Marginal> markov = DiscreteMarginals.of(() -> HmmInferenceTest.markovHmm(1));
        Map<String, DiscreteMarginals.Marginal> vectorized = DiscreteMarginals.of(() -> HmmInferenceTest.vectorizedHmm(1));
        Tensor x = vectorized.get("x").probs();
        assertArrayEquals(new long[]{1, steps, 3}, x.shape());
        for (int t = 0; t < steps; t++) {
            assertArrayEquals(expected[t], markov.get("x_" + t).probs().toDoubleArray(), 1e-10, "markov x_" + t);
            assertArrayEquals(expected[t], x.select(0, 0).select(0, t).toDoubleArray(), 1e-10, "vectorised x[" + t + "]");
        }
    }
}
