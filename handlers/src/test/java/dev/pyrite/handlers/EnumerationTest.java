package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Sequential (queue) and parallel (enum) enumeration against brute force; markov's recycled dims. */
class EnumerationTest {
    static final Map<String, Object> ENUM = Map.of(EnumHandler.ENUMERATE, EnumHandler.PARALLEL);
    static final double PA = 0.3;
    static final double PB = 0.6;

    /** Two coins and their OR, observed to be 1. */
    static void coins() {
        Tensor a = sample("a", Bernoulli.ofProbs(PA), ENUM);
        Tensor b = sample("b", Bernoulli.ofProbs(PB), ENUM);
        Tensor or = a.add(b).sub(a.mul(b));
        sample("or", Bernoulli.ofProbs(or), Tensor.scalar(1.0));
    }

    /** Brute force: P(a, b | a or b) by summing the four joint probabilities, indexed [a][b]. */
    static double[][] bruteForcePosterior() {
        double[][] p = new double[2][2];
        double z = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double joint = (a == 1 ? PA : 1 - PA) * (b == 1 ? PB : 1 - PB) * ((a | b) == 1 ? 1 : 0);
                p[a][b] = joint;
                z += joint;
            }
        }
        for (double[] row : p) {
            for (int b = 0; b < 2; b++) {
                row[b] /= z;
            }
        }
        return p;
    }

    /** Log joints of every assignment by sequential enumeration, indexed [a][b]. */
    static double[][] queueLogJoints() {
        Queue<Trace> queue = new ArrayDeque<>();
        queue.add(new Trace());
        Supplier<Object> enumerated = Handlers.queue(queue).wrap(() -> {
            coins();
            return null;
        });
        double[][] lj = new double[2][2];
        int runs = 0;
        while (!queue.isEmpty()) {
            Trace tr = Handlers.trace().getTrace(enumerated);
            assertEquals(3, tr.size(), "the outer trace holds the completed run only");
            int a = (int) tr.value("a").item();
            int b = (int) tr.value("b").item();
            lj[a][b] = tr.logProbSum().item();
            runs++;
        }
        assertEquals(4, runs);
        assertEquals(0, HandlerStack.depth());
        return lj;
    }

    @Test
    void queueGivesTheExactPosterior() {
        double[][] lj = queueLogJoints();
        double z = 0;
        for (double[] row : lj) {
            for (double v : row) {
                z += Math.exp(v);
            }
        }
        double[][] expected = bruteForcePosterior();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(expected[a][b], Math.exp(lj[a][b]) / z, 1e-12, "P(a=" + a + ", b=" + b + " | or)");
            }
        }
        assertEquals(Math.log(1 - (1 - PA) * (1 - PB)), Math.log(z), 1e-12, "the evidence");
    }

    @Test
    void parallelEnumGivesIdenticalLogJoints() {
        EnumHandler en = Handlers.enumerate(-1);
        Trace tr = Handlers.trace().getTrace(en.wrap(EnumerationTest::coins));
        assertEquals(Map.of("a", -1, "b", -2), en.dims());
        assertArrayEquals(new long[]{2}, tr.value("a").shape());
        assertArrayEquals(new long[]{2, 1}, tr.value("b").shape());
        Tensor joint = tr.site("a").scaledLogProb().add(tr.site("b").scaledLogProb()).add(tr.site("or").scaledLogProb());
        assertArrayEquals(new long[]{2, 2}, joint.shape());
        double[][] lj = queueLogJoints();
        double[] j = joint.toDoubleArray();   // indexed [b][a]: b's dimension is left of a's
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(lj[a][b], j[b * 2 + a], 0.0, "a=" + a + ", b=" + b);
            }
        }
        assertEquals(-2, tr.site("b").infer.get(EnumHandler.DIM_KEY));
    }

    @Test
    void enumeratedDimsGoLeftOfPlates() {
        Trace tr = Handlers.trace().getTrace(Handlers.enumerate(-2).wrap(() -> {
            Tensor a = sample("a", Bernoulli.ofProbs(0.5), ENUM);
            try (Plate p = Pyrite.plate("data", 3)) {
                sample("y", Normal.of(a, Tensor.scalar(1.0)), Tensor.of(0.1, 0.2, 0.3));
            }
        }));
        assertArrayEquals(new long[]{2, 1}, tr.value("a").shape());
        assertArrayEquals(new long[]{2, 3}, tr.site("y").logProb().shape());
    }

    // ---------------------------------------------------------------- markov

    static final double[] Y = {0.3, 2.1, 1.8, -0.4, 0.2, 2.5, 1.9, 2.2, -0.1, 0.6};

    /** A hidden chain: x_t ~ Bernoulli(0.2 + 0.7 x_{t-1}), y_t ~ N(2 x_t, 1), x_0 ~ Bernoulli(0.5). */
    static void chainStep(int t, Tensor[] x, double[] y) {
        Tensor p = t == 0 ? Tensor.scalar(0.5) : x[0].mul(0.7).add(0.2);
        x[0] = sample("x_" + t, Bernoulli.ofProbs(p), ENUM);
        sample("y_" + t, Normal.of(x[0].mul(2.0), Tensor.scalar(1.0)), Tensor.scalar(y[t]));
    }

    static void hmm(double[] y, boolean markov) {
        Tensor[] x = new Tensor[1];
        if (markov) {
            try (Markov chain = Pyrite.markov()) {
                for (int t : chain.range(y.length)) {
                    chainStep(t, x, y);
                }
            }
        } else {
            for (int t = 0; t < y.length; t++) {
                chainStep(t, x, y);
            }
        }
    }

    static double bruteForceLogEvidence(double[] y) {
        int n = y.length;
        double total = 0;
        for (int bits = 0; bits < (1 << n); bits++) {
            double lp = Math.log(0.5);
            int prev = -1;
            for (int t = 0; t < n; t++) {
                int x = (bits >> t) & 1;
                if (t > 0) {
                    double p = 0.2 + 0.7 * prev;
                    lp += Math.log(x == 1 ? p : 1 - p);
                }
                lp += ElboTest.logN(y[t], 2.0 * x, 1.0);
                prev = x;
            }
            total += Math.exp(lp);
        }
        return Math.log(total);
    }

    @Test
    void markovRecyclesDimensionsAndTheForwardAlgorithmMatchesBruteForce() {
        EnumHandler en = Handlers.enumerate(-1);
        Trace tr = Handlers.trace().getTrace(en.wrap(() -> hmm(Y, true)));
        for (int t = 0; t < Y.length; t++) {
            assertEquals(t % 2 == 0 ? -1 : -2, en.dims().get("x_" + t), "x_" + t);
        }
        // Forward algorithm over the trace's log-density tensors, eliminating x_{t-1} at each step.
        Tensor alpha = null;
        for (int t = 0; t < Y.length; t++) {
            Tensor f = tr.site("x_" + t).scaledLogProb().add(tr.site("y_" + t).scaledLogProb());
            if (alpha == null) {
                alpha = f;
            } else {
                int previous = en.dims().get("x_" + (t - 1));
                alpha = alpha.add(f).logSumExp(previous, true);
            }
        }
        int last = en.dims().get("x_" + (Y.length - 1));
        double logEvidence = alpha.logSumExp(last, false).sum().item();
        assertEquals(bruteForceLogEvidence(Y), logEvidence, 1e-10);
    }

    @Test
    void longChainsNeedMarkov() {
        double[] y = new double[40];
        for (int t = 0; t < y.length; t++) {
            y[t] = t % 3 == 0 ? 2.0 : 0.0;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Handlers.trace().getTrace(Handlers.enumerate(-1).wrap(() -> hmm(y, false))));
        assertTrue(e.getMessage().contains("x_32") && e.getMessage().contains("markov"), e.getMessage());
        assertEquals(0, HandlerStack.depth());

        EnumHandler en = Handlers.enumerate(-1);
        Trace tr = Handlers.trace().getTrace(en.wrap(() -> hmm(y, true)));
        Map<Integer, Integer> used = new HashMap<>();
        en.dims().values().forEach(d -> used.merge(d, 1, Integer::sum));
        assertEquals(Map.of(-1, 20, -2, 20), used);
        for (Message m : tr.sites()) {
            if (m.hasLogProb()) {
                assertTrue(m.logProb().rank() <= 2, m.name + " has shape of rank " + m.logProb().rank());
            }
        }
    }
}
