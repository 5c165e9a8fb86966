package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The slow, obviously correct reference for {@link PlatedSumProduct}: it unrolls every plate, so that a
 * variable in plates becomes one scalar variable per plate index, lists every joint assignment of those
 * scalar variables, evaluates the log joint of each as a plain sum of factor entries, and only then
 * reduces with the semiring. Its cost is exponential in the number of scalar variables; it is meant for
 * tests on small graphs (up to a few million assignments). Concrete factors only, no batch names.
 *
 * <p>The previous state of a vectorised Markov chain ({@link ChainLink}) is not a variable here: at plate
 * index t it reads the current state at t - 1, and the first value of the support at t = 0.
 */
public final class NaiveSumProduct {
    private final FactorGraph graph;
    private final List<String> free = new ArrayList<>();
    private final Map<String, List<String>> platesOf = new LinkedHashMap<>();
    private final Map<String, Integer> firstInstance = new LinkedHashMap<>();
    private final Map<String, ChainLink> previousOf = new LinkedHashMap<>();
    private final List<Integer> domain = new ArrayList<>();   // per scalar variable
    private final double[] logJoint;

    private NaiveSumProduct(FactorGraph graph) {
        this.graph = graph;
        if (!graph.batch().isEmpty()) {
            throw new IllegalArgumentException("NaiveSumProduct: batch names are not supported, got " + graph.batch());
        }
        if (!graph.plateScales().isEmpty()) {
            throw new IllegalArgumentException("NaiveSumProduct: scaled (subsampled) plates " + graph.plateScales().keySet()
                    + " define an estimate, not a joint distribution to unroll");
        }
        for (ChainLink c : graph.chains()) {
            previousOf.put(c.previous(), c);
        }
        Map<String, java.util.Set<String>> ordinals = graph.variableOrdinals();
        for (String v : graph.variables()) {
            List<String> plates = new ArrayList<>();
            for (String p : graph.plates().keySet()) {
                if (ordinals.get(v).contains(p)) {
                    plates.add(p);
                }
            }
            platesOf.put(v, plates);
            if (previousOf.containsKey(v)) {
                continue;
            }
            free.add(v);
            firstInstance.put(v, domain.size());
            long copies = copies(plates);
            for (long i = 0; i < copies; i++) {
                domain.add((int) graph.domainSize(v));
            }
        }
        long total = 1;
        for (int k : domain) {
            total *= k;
            if (total > 50_000_000L) {
                throw new IllegalArgumentException("NaiveSumProduct: more than 5e7 joint assignments; use a smaller graph");
            }
        }
        logJoint = new double[(int) total];
        evaluate();
    }

    /** Unrolls and evaluates every joint assignment of {@code graph} (concrete, small). */
    public static NaiveSumProduct of(FactorGraph graph) {
        return new NaiveSumProduct(graph);
    }

    /** The full joint reduced by the semiring: log-sum-exp gives log Z, max the best log joint. */
    public double contract(Semiring ring) {
        return ring.plus(Tensor.of(Nd4j.createFromArray(logJoint)), 0).item();
    }

    /** The number of joint assignments. */
    public int assignments() {
        return logJoint.length;
    }

    /** The log joint of every assignment, by assignment index. */
    public double[] logJoint() {
        return logJoint.clone();
    }

    /** The normalised posterior probability of every assignment. */
    public double[] posterior() {
        double z = contract(LogSumExpSemiring.INSTANCE);
        double[] p = new double[logJoint.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logJoint[i] - z);
        }
        return p;
    }

    /** The index of the assignment with the largest log joint (the first on ties). */
    public int argmax() {
        int best = 0;
        for (int i = 1; i < logJoint.length; i++) {
            if (logJoint[i] > logJoint[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The values of every variable (chain previous states included) in assignment {@code index}: per
     * variable, one value per index of its plates, row-major over its plates in the graph's plate order.
     */
    public Map<String, long[]> values(int index) {
        int[] a = decode(index);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String v : platesOf.keySet()) {
            List<String> plates = platesOf.get(v);
            long[] vals = new long[(int) copies(plates)];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = valueAt(v, unflatten(plates, i), plates, a);
            }
            out.put(v, vals);
        }
        return out;
    }

    /** The index of the assignment with these free-variable values (as returned by {@link #values}). */
    public int indexOf(Map<String, long[]> values) {
        int index = 0;
        int stride = 1;
        for (String v : free) {
            long[] vals = values.get(v);
            for (int i = 0; i < vals.length; i++) {
                index += (int) vals[i] * stride;
                stride *= domain.get(firstInstance.get(v) + i);
            }
        }
        return index;
    }

    /** Exact posterior marginals: per variable, [plate index (row-major)][value]. */
    public Map<String, double[][]> marginals() {
        double[] p = posterior();
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (String v : platesOf.keySet()) {
            out.put(v, new double[(int) copies(platesOf.get(v))][(int) graph.domainSize(v)]);
        }
        for (int i = 0; i < p.length; i++) {
            Map<String, long[]> vals = values(i);
            for (Map.Entry<String, long[]> e : vals.entrySet()) {
                double[][] m = out.get(e.getKey());
                for (int c = 0; c < e.getValue().length; c++) {
                    m[c][(int) e.getValue()[c]] += p[i];
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- evaluation

    private void evaluate() {
        List<double[]> data = new ArrayList<>();
        for (Factor f : graph.factors()) {
            data.add(f.data().toDoubleArray());
        }
        for (int index = 0; index < logJoint.length; index++) {
            int[] a = decode(index);
            double total = 0;
            for (int fi = 0; fi < graph.factors().size(); fi++) {
                total += factorSum(graph.factors().get(fi), data.get(fi), a);
            }
            logJoint[index] = total;
        }
    }

    /** The sum of a factor's entries over every index of its plates, at assignment {@code a}. */
    private double factorSum(Factor f, double[] data, int[] a) {
        List<String> plates = new ArrayList<>();
        for (String n : f.names()) {
            if (graph.isPlate(n)) {
                plates.add(n);
            }
        }
        long copies = copies(plates);
        double sum = 0;
        for (long c = 0; c < copies; c++) {
            Map<String, Long> at = unflatten(plates, c);
            long offset = 0;
            for (int d = 0; d < f.names().size(); d++) {
                String n = f.names().get(d);
                long size = f.data().size(d);
                long i;
                if (graph.isPlate(n)) {
                    i = size == 1 ? 0 : at.get(n);
                } else {
                    i = size == 1 ? 0 : valueAt(n, at, platesOf.get(n), a);
                }
                offset = offset * size + i;
            }
            sum += data[(int) offset];
        }
        return sum;
    }

    /** The value of variable {@code v} at plate indices {@code at} (a superset of its plates). */
    private long valueAt(String v, Map<String, Long> at, List<String> plates, int[] a) {
        ChainLink link = previousOf.get(v);
        if (link != null) {
            long t = at.get(link.time());
            if (t == 0) {
                return 0;
            }
            Map<String, Long> before = new LinkedHashMap<>(at);
            before.put(link.time(), t - 1);
            return valueAt(link.current(), before, platesOf.get(link.current()), a);
        }
        long offset = 0;
        for (String p : plates) {
            offset = offset * graph.plates().get(p) + at.get(p);
        }
        return a[firstInstance.get(v) + (int) offset];
    }

    private Map<String, Long> unflatten(List<String> plates, long flat) {
        Map<String, Long> at = new LinkedHashMap<>();
        long rest = flat;
        for (int i = plates.size() - 1; i >= 0; i--) {
            long size = graph.plates().get(plates.get(i));
            at.put(plates.get(i), rest % size);
            rest /= size;
        }
        return at;
    }

    private long copies(List<String> plates) {
        long n = 1;
        for (String p : plates) {
            n *= graph.plates().get(p);
        }
        return n;
    }

    /** Mixed radix, first scalar variable fastest. */
    private int[] decode(int index) {
        int[] a = new int[domain.size()];
        int rest = index;
        for (int s = 0; s < a.length; s++) {
            a[s] = rest % domain.get(s);
            rest /= domain.get(s);
        }
        return a;
    }
}
