package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random tractable plated factor graphs for tests: plates nested ({@code i} contains {@code j}) and
 * independent ({@code k}), variables in each plate context, and factors that couple a variable with
 * variables of enclosing plates, so that one enumerated variable is shared by factors in several
 * (nested or independent) plates.
 */
final class RandomFactorGraphs {
    static final Map<String, Long> PLATES = new LinkedHashMap<>();

    static {
        PLATES.put("i", 2L);
        PLATES.put("j", 2L);
        PLATES.put("k", 3L);
    }

    /** The plate contexts variables may live in; each is a set of plates in which the next is nested. */
    private static final List<Set<String>> ORDINALS = List.of(
            Set.of(), Set.of("i"), Set.of("i", "j"), Set.of("k"));

    private RandomFactorGraphs() {
    }

    /** A random graph whose unrolled joint has at most {@code maxAssignments} assignments. */
    static FactorGraph random(Random rng, int maxAssignments) {
        while (true) {
            FactorGraph g = attempt(rng);
            long n = 1;
            Map<String, Set<String>> ords = g.variableOrdinals();
            for (String v : g.variables()) {
                long copies = 1;
                for (String p : ords.get(v)) {
                    copies *= PLATES.get(p);
                }
                for (long c = 0; c < copies; c++) {
                    n *= g.domainSize(v);
                }
            }
            if (n <= maxAssignments && n >= 4) {
                return g;
            }
        }
    }

    private static FactorGraph attempt(Random rng) {
        int nVars = 2 + rng.nextInt(3);
        List<String> vars = new ArrayList<>();
        Map<String, Set<String>> ordinal = new LinkedHashMap<>();
        Map<String, Long> domain = new LinkedHashMap<>();
        for (int v = 0; v < nVars; v++) {
            String name = "v" + v;
            vars.add(name);
            ordinal.put(name, ORDINALS.get(rng.nextInt(ORDINALS.size())));
            domain.put(name, 2L + rng.nextInt(2));
        }
        List<Factor> factors = new ArrayList<>();
        // Each variable's own factor, in its plates, possibly with a parent from an enclosing plate context.
        for (String v : vars) {
            List<String> scope = new ArrayList<>();
            scope.add(v);
            List<String> parents = new ArrayList<>();
            for (String u : vars) {
                if (!u.equals(v) && isStrictSubset(ordinal.get(u), ordinal.get(v))
                        || (!u.equals(v) && ordinal.get(u).equals(ordinal.get(v)) && vars.indexOf(u) < vars.indexOf(v))) {
                    parents.add(u);
                }
            }
            if (!parents.isEmpty() && rng.nextBoolean()) {
                scope.add(parents.get(rng.nextInt(parents.size())));
            }
            factors.add(randomFactor(rng, scope, ordinal.get(v), domain));
        }
        // Extra factors (observations) in a plate context at or inside a variable's, coupling a chain of contexts.
        int extra = 1 + rng.nextInt(3);
        for (int e = 0; e < extra; e++) {
            Set<String> where = ORDINALS.get(rng.nextInt(ORDINALS.size()));
            List<String> candidates = new ArrayList<>();
            for (String v : vars) {
                if (where.containsAll(ordinal.get(v))) {
                    candidates.add(v);
                }
            }
            List<String> scope = new ArrayList<>();
            for (String v : candidates) {
                if (rng.nextInt(3) > 0) {
                    scope.add(v);
                }
            }
            factors.add(randomFactor(rng, scope, where, domain));
        }
        return new FactorGraph(factors, PLATES, List.of(), List.of());
    }

    private static boolean isStrictSubset(Set<String> a, Set<String> b) {
        return b.containsAll(a) && !a.equals(b);
    }

    /** A factor over {@code vars} (values) and {@code plates} (copies) with random log values, names shuffled. */
    static Factor randomFactor(Random rng, List<String> vars, Set<String> plates, Map<String, Long> domain) {
        List<String> names = new ArrayList<>(vars);
        names.addAll(new TreeSet<>(plates));
        java.util.Collections.shuffle(names, rng);
        long[] shape = new long[names.size()];
        for (int d = 0; d < shape.length; d++) {
            String n = names.get(d);
            shape[d] = PLATES.containsKey(n) ? (rng.nextInt(4) == 0 ? 1 : PLATES.get(n)) : domain.get(n);
        }
        int size = 1;
        for (long s : shape) {
            size *= (int) s;
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = rng.nextGaussian();
        }
        return Factor.of(Tensor.of(Nd4j.createFromArray(values).reshape(shape)), names);
    }
}
