package dev.pyrite.inference.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every semiring of the plated sum-product against the naive reference (the unrolled full joint) on
 * random plated factor graphs with nested and independent plates and variables shared across plates.
 */
class PlatedSumProductTest {

    @Test
    void logSumExpAndMaxAgreeWithTheFullJointOnRandomGraphs() {
        Random rng = new Random(20240601);
        for (int trial = 0; trial < 40; trial++) {
            FactorGraph g = RandomFactorGraphs.random(rng, 1 << 12);
            NaiveSumProduct naive = NaiveSumProduct.of(g);
            double lse = PlatedSumProduct.contract(g, LogSumExpSemiring.INSTANCE).data().item();
            double max = PlatedSumProduct.contract(g, MaxSemiring.INSTANCE).data().item();
            assertEquals(naive.contract(LogSumExpSemiring.INSTANCE), lse, 1e-10 * Math.max(1, Math.abs(lse)),
                    "log Z, trial " + trial + ": " + g.factors());
            assertEquals(naive.contract(MaxSemiring.INSTANCE), max, 1e-10 * Math.max(1, Math.abs(max)),
                    "max, trial " + trial + ": " + g.factors());
        }
    }

    @Test
    void viterbiBacktraceFindsTheBestJointAssignment() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            FactorGraph g = RandomFactorGraphs.random(rng, 1 << 12);
            NaiveSumProduct naive = NaiveSumProduct.of(g);
            PlatedSumProduct.Result r = PlatedSumProduct.contractWithBacktrace(g, MaxSemiring.INSTANCE);
            Map<String, long[]> map = decode(g, r.backtrace().values(MaxSemiring.INSTANCE));
            Map<String, long[]> expected = naive.values(naive.argmax());
            for (String v : expected.keySet()) {
                assertArrayEquals(expected.get(v), map.get(v), "MAP value of " + v + ", trial " + trial);
            }
            assertEquals(naive.logJoint()[naive.argmax()], r.value().data().item(), 1e-10);
        }
    }

    @Tag(TestSeeds.TAG)
    @Test
    void backwardSamplingDrawsFromTheExactJointPosterior() {
        Random rng = new Random(11);
        RandomStream stream = RandomStream.of(TestSeeds.seed(3));
        int draws = 40_000;
        for (int trial = 0; trial < 4; trial++) {
            FactorGraph plain = RandomFactorGraphs.random(rng, 256);
            FactorGraph g = withDraws(plain, draws);
            NaiveSumProduct naive = NaiveSumProduct.of(plain);
            SampleSemiring ring = SampleSemiring.of(stream);
            PlatedSumProduct.Result r = PlatedSumProduct.contractWithBacktrace(g, ring);
            assertEquals(naive.contract(LogSumExpSemiring.INSTANCE), r.value().data().toDoubleArray()[0], 1e-10);
            Map<String, long[][]> values = decodeAll(plain, r.backtrace().values(ring), "draw", draws);
            int[] counts = new int[naive.assignments()];
            for (int d = 0; d < draws; d++) {
                Map<String, long[]> one = new LinkedHashMap<>();
                for (Map.Entry<String, long[][]> e : values.entrySet()) {
                    one.put(e.getKey(), e.getValue()[d]);
                }
                counts[naive.indexOf(one)]++;
            }
            assertMatchesDistribution(naive.posterior(), counts, draws, "trial " + trial);
        }
    }

    @Test
    void batchNamesAreCarriedThrough() {
        Random rng = new Random(5);
        FactorGraph g = RandomFactorGraphs.random(rng, 1 << 10);
        long batch = 3;
        List<Factor> factors = new ArrayList<>();
        List<FactorGraph> slices = new ArrayList<>();
        double[] shifts = {0.0, 0.7, -1.3};
        // The first factor varies along the batch name; slice b adds shift b to it.
        Factor first = g.factors().get(0);
        List<String> names = new ArrayList<>(first.names());
        names.add("chain");
        Tensor shifted = first.data().unsqueeze(-1).add(Tensor.of(shifts));
        factors.add(Factor.of(shifted, names));
        factors.addAll(g.factors().subList(1, g.factors().size()));
        FactorGraph batched = new FactorGraph(factors, g.plates(), List.of("chain"), List.of());
        Factor result = PlatedSumProduct.contract(batched, LogSumExpSemiring.INSTANCE);
        assertArrayEquals(new long[]{batch}, result.data().shape());
        for (int b = 0; b < batch; b++) {
            List<Factor> fs = new ArrayList<>();
            fs.add(first.withData(first.data().add(shifts[b])));
            fs.addAll(g.factors().subList(1, g.factors().size()));
            double expected = NaiveSumProduct.of(FactorGraph.of(fs, g.plates())).contract(LogSumExpSemiring.INSTANCE);
            assertEquals(expected, result.data().toDoubleArray()[b], 1e-10, "batch " + b);
        }
    }

    @Test
    void couplingVariablesOfIndependentPlatesIsIntractable() {
        Map<String, Long> plates = Map.of("i", 2L, "j", 2L);
        Random rng = new Random(1);
        Map<String, Long> domain = Map.of("a", 2L, "b", 2L);
        List<Factor> fs = List.of(
                RandomFactorGraphs.randomFactor(rng, List.of("a"), Set.of("i"), domain),
                RandomFactorGraphs.randomFactor(rng, List.of("b"), Set.of("j"), domain),
                RandomFactorGraphs.randomFactor(rng, List.of("a", "b"), Set.of("i", "j"), domain));
        FactorGraph g = FactorGraph.of(fs, new LinkedHashMap<>(plates));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlatedSumProduct.contract(g, LogSumExpSemiring.INSTANCE));
        assertTrue(e.getMessage().contains("intractable plate structure"), e.getMessage());
        assertTrue(e.getMessage().contains("a (plates [i])") && e.getMessage().contains("b (plates [j])"), e.getMessage());
        // The naive reference has no such limit.
        assertTrue(Double.isFinite(NaiveSumProduct.of(g).contract(LogSumExpSemiring.INSTANCE)));
    }

    // ---------------------------------------------------------------- helpers

    /** The graph with a batch name "draw" of {@code draws} copies (a zero factor), so one backward pass draws many. */
    static FactorGraph withDraws(FactorGraph g, int draws) {
        List<Factor> fs = new ArrayList<>();
        for (Factor f : g.factors()) {
            List<String> names = new ArrayList<>(f.names());
            names.add("draw");
            long[] shape = java.util.Arrays.copyOf(f.data().shape(), names.size());
            shape[names.size() - 1] = draws;
            fs.add(Factor.of(f.data().unsqueeze(-1).broadcastTo(shape), names));
        }
        return new FactorGraph(fs, g.plates(), List.of("draw"), g.chains());
    }

    /**
     * Chosen values as the naive reference lays them out: per variable, row-major over its plates in the
     * graph's plate order.
     */
    static Map<String, long[]> decode(FactorGraph g, Map<String, Factor> values) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[][]> e : decodeAll(g, values, null, 1).entrySet()) {
            out.put(e.getKey(), e.getValue()[0]);
        }
        return out;
    }

    /** Like {@link #decode}, for each of {@code n} indices of batch name {@code batch}: [index][values]. */
    static Map<String, long[][]> decodeAll(FactorGraph g, Map<String, Factor> values, String batch, int n) {
        Map<String, Set<String>> ordinals = g.variableOrdinals();
        Map<String, long[][]> out = new LinkedHashMap<>();
        for (String v : g.variables()) {
            Factor f = values.get(v);
            List<String> full = new ArrayList<>();
            if (batch != null) {
                full.add(batch);
            }
            for (String p : g.plates().keySet()) {
                if (ordinals.get(v).contains(p)) {
                    full.add(p);
                }
            }
            long[] shape = new long[full.size()];
            for (int i = 0; i < full.size(); i++) {
                shape[i] = full.get(i).equals(batch) ? n : g.plates().get(full.get(i));
            }
            double[] d = f.alignTo(full).broadcastTo(shape).toDoubleArray();
            int per = d.length / n;
            long[][] vals = new long[n][per];
            for (int i = 0; i < d.length; i++) {
                vals[i / per][i % per] = (long) d[i];
            }
            out.put(v, vals);
        }
        return out;
    }

    /**
     * Every outcome's count within 5 Poisson standard deviations (plus 3, for rare outcomes) of its
     * expected count: for a few hundred outcomes a chance failure has probability about 1e-4.
     */
    static void assertMatchesDistribution(double[] p, int[] counts, int n, String what) {
        for (int i = 0; i < p.length; i++) {
            double expected = p[i] * n;
            assertTrue(Math.abs(counts[i] - expected) <= 5 * Math.sqrt(expected) + 3, what + ": outcome " + i
                    + " drawn " + counts[i] + " times in " + n + ", expected " + expected);
        }
    }

    static Tensor matrix(double[][] v) {
        return Tensor.of(Nd4j.createFromArray(v));
    }
}
