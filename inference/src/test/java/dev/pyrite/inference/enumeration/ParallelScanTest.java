package dev.pyrite.inference.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Vectorised Markov chains eliminated by the parallel scan, against the naive unrolled joint (small
 * chains, every semiring) and against a hand-written forward and Viterbi recursion (long chains).
 */
class ParallelScanTest {

    /**
     * A factor graph of chains along plate "time" (size t) inside plate "seq" (size s): a transition
     * factor over (seq, time, prev, curr) whose first step ignores prev, an emission factor over
     * (seq, time, curr), and optionally a global variable "c" the transitions depend on.
     */
    static FactorGraph chainGraph(Random rng, int s, int t, int k, boolean regime) {
        Map<String, Long> plates = new LinkedHashMap<>();
        plates.put("seq", (long) s);
        plates.put("time", (long) t);
        int c = regime ? 2 : 1;
        double[][][][] trans = new double[c][t][k][k];
        for (int r = 0; r < c; r++) {
            double[] init = gaussian(rng, k);
            double[][] a = new double[k][];
            for (int i = 0; i < k; i++) {
                a[i] = gaussian(rng, k);
            }
            for (int step = 0; step < t; step++) {
                for (int p = 0; p < k; p++) {
                    trans[r][step][p] = step == 0 ? init.clone() : a[p].clone();
                }
            }
        }
        List<Factor> fs = new ArrayList<>();
        Tensor tr = Tensor.of(Nd4j.createFromArray(trans));   // [c, time, prev, curr]
        if (regime) {
            fs.add(Factor.of(tr.unsqueeze(1), List.of("c", "seq", "time", "x_prev", "x")));
            fs.add(Factor.of(Tensor.of(gaussian(rng, 2)), List.of("c")));
        } else {
            fs.add(Factor.of(tr.squeeze(0).unsqueeze(0), List.of("seq", "time", "x_prev", "x")));
        }
        double[][][] emit = new double[s][t][];
        for (int i = 0; i < s; i++) {
            for (int step = 0; step < t; step++) {
                emit[i][step] = gaussian(rng, k);
            }
        }
        fs.add(Factor.of(Tensor.of(Nd4j.createFromArray(emit)), List.of("seq", "time", "x")));
        return new FactorGraph(fs, plates, List.of(), List.of(new ChainLink("time", "x_prev", "x")));
    }

    static double[] gaussian(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Tag(TestSeeds.TAG)
    @Test
    void scanMatchesTheUnrolledJointForEverySemiring() {
        Random rng = new Random(42);
        int[][] configs = {{2, 5, 2, 0}, {2, 4, 2, 1}, {1, 7, 3, 0}, {2, 1, 3, 1}, {1, 6, 2, 1}};
        RandomStream stream = RandomStream.of(TestSeeds.seed(9));
        for (int[] cfg : configs) {
            FactorGraph g = chainGraph(rng, cfg[0], cfg[1], cfg[2], cfg[3] == 1);
            NaiveSumProduct naive = NaiveSumProduct.of(g);
            String what = "seq " + cfg[0] + ", T " + cfg[1] + ", K " + cfg[2] + (cfg[3] == 1 ? ", regime" : "");
            assertEquals(naive.contract(LogSumExpSemiring.INSTANCE),
                    PlatedSumProduct.contract(g, LogSumExpSemiring.INSTANCE).data().item(), 1e-10, what);
            PlatedSumProduct.Result map = PlatedSumProduct.contractWithBacktrace(g, MaxSemiring.INSTANCE);
            assertEquals(naive.contract(MaxSemiring.INSTANCE), map.value().data().item(), 1e-10, what);
            Map<String, long[]> best = PlatedSumProductTest.decode(g, map.backtrace().values(MaxSemiring.INSTANCE));
            Map<String, long[]> expected = naive.values(naive.argmax());
            for (String v : expected.keySet()) {
                assertArrayEquals(expected.get(v), best.get(v), what + ": MAP " + v);
            }
            int draws = 30_000;
            FactorGraph batched = PlatedSumProductTest.withDraws(g, draws);
            SampleSemiring ring = SampleSemiring.of(stream);
            PlatedSumProduct.Result r = PlatedSumProduct.contractWithBacktrace(batched, ring);
            Map<String, long[][]> values = PlatedSumProductTest.decodeAll(g, r.backtrace().values(ring), "draw", draws);
            int[] counts = new int[naive.assignments()];
            for (int d = 0; d < draws; d++) {
                Map<String, long[]> one = new LinkedHashMap<>();
                for (Map.Entry<String, long[][]> e : values.entrySet()) {
                    one.put(e.getKey(), e.getValue()[d]);
                }
                int index = naive.indexOf(one);
                assertArrayEquals(naive.values(index).get("x_prev"), one.get("x_prev"), "previous states are shifted");
                counts[index]++;
            }
            PlatedSumProductTest.assertMatchesDistribution(naive.posterior(), counts, draws, what);
        }
    }

    @Test
    void twoChainsAlongOnePlateAreScannedJointly() {
        Random rng = new Random(3);
        int t = 4;
        Map<String, Long> plates = Map.of("time", (long) t);
        List<Factor> fs = new ArrayList<>();
        for (String chain : List.of("a", "b")) {
            double[][][] f = new double[t][2][2];
            for (int step = 0; step < t; step++) {
                for (int p = 0; p < 2; p++) {
                    f[step][p] = step == 0 ? new double[]{0.3, -0.3} : gaussian(rng, 2);
                }
            }
            fs.add(Factor.of(Tensor.of(Nd4j.createFromArray(f)), List.of("time", chain + "_prev", chain)));
        }
        double[][][] coupling = new double[t][2][2];
        for (int step = 0; step < t; step++) {
            for (int i = 0; i < 2; i++) {
                coupling[step][i] = gaussian(rng, 2);
            }
        }
        fs.add(Factor.of(Tensor.of(Nd4j.createFromArray(coupling)), List.of("time", "a", "b")));
        FactorGraph g = new FactorGraph(fs, new LinkedHashMap<>(plates), List.of(),
                List.of(new ChainLink("time", "a_prev", "a"), new ChainLink("time", "b_prev", "b")));
        NaiveSumProduct naive = NaiveSumProduct.of(g);
        assertEquals(naive.contract(LogSumExpSemiring.INSTANCE),
                PlatedSumProduct.contract(g, LogSumExpSemiring.INSTANCE).data().item(), 1e-10);
        PlatedSumProduct.Result map = PlatedSumProduct.contractWithBacktrace(g, MaxSemiring.INSTANCE);
        Map<String, long[]> best = PlatedSumProductTest.decode(g, map.backtrace().values(MaxSemiring.INSTANCE));
        Map<String, long[]> expected = naive.values(naive.argmax());
        for (String v : expected.keySet()) {
            assertArrayEquals(expected.get(v), best.get(v), "MAP " + v);
        }
    }

    @Test
    void longChainsMatchTheForwardAndViterbiRecursions() {
        Random rng = new Random(8);
        for (int t : new int[]{1000, 777, 2}) {
            int k = 3;
            FactorGraph g = chainGraph(rng, 1, t, k, false);
            double[] trans = g.factors().get(0).data().toDoubleArray();   // [1, time, prev, curr]
            double[] emit = g.factors().get(1).data().toDoubleArray();    // [1, time, curr]
            double[] alpha = new double[k];
            double[] delta = new double[k];
            int[][] back = new int[t][k];
            for (int step = 0; step < t; step++) {
                double[] a = new double[k];
                double[] d = new double[k];
                for (int c = 0; c < k; c++) {
                    double e = emit[step * k + c];
                    if (step == 0) {
                        a[c] = trans[c] + e;
                        d[c] = trans[c] + e;
                        continue;
                    }
                    double m = Double.NEGATIVE_INFINITY;
                    double dm = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < k; p++) {
                        double w = trans[(step * k + p) * k + c];
                        m = Math.max(m, alpha[p] + w);
                        if (delta[p] + w > dm) {
                            dm = delta[p] + w;
                            back[step][c] = p;
                        }
                    }
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += Math.exp(alpha[p] + trans[(step * k + p) * k + c] - m);
                    }
                    a[c] = m + Math.log(s) + e;
                    d[c] = dm + e;
                }
                alpha = a;
                delta = d;
            }
            double m = Double.NEGATIVE_INFINITY;
            int last = 0;
            for (int c = 0; c < k; c++) {
                m = Math.max(m, alpha[c]);
                if (delta[c] > delta[last]) {
                    last = c;
                }
            }
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += Math.exp(alpha[c] - m);
            }
            double logZ = m + Math.log(s);
            assertEquals(logZ, PlatedSumProduct.contract(g, LogSumExpSemiring.INSTANCE).data().item(),
                    1e-9 * Math.abs(logZ), "T = " + t);
            long[] path = new long[t];
            path[t - 1] = last;
            for (int step = t - 1; step > 0; step--) {
                path[step - 1] = back[step][(int) path[step]];
            }
            PlatedSumProduct.Result map = PlatedSumProduct.contractWithBacktrace(g, MaxSemiring.INSTANCE);
            assertEquals(delta[last], map.value().data().item(), 1e-9 * Math.abs(delta[last]), "T = " + t);
            long[] viterbi = PlatedSumProductTest.decode(g, map.backtrace().values(MaxSemiring.INSTANCE)).get("x");
            assertArrayEquals(path, viterbi, "Viterbi path, T = " + t);
        }
    }
}
