package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tensor variable elimination on a plated factor graph (Obermeyer, Bingham, Jankowiak, Chen, Pradhan,
 * Goodman, 2019, "Tensor Variable Elimination for Plated Factor Graphs", Algorithm 1): the factors are
 * grouped by their plates; the deepest group is taken first; within it, each connected component's
 * local variables (those whose plates are exactly the group's) are eliminated by variable elimination
 * in a greedy smallest-result order, and the result is multiplied over the plates that none of its
 * remaining variables lives in, which moves it to a shallower group. A variable is therefore only
 * eliminated once no factor in a deeper plate mentions it. When a component's remaining variables live
 * in plates that are not nested (a factor couples variables of two independent plates), no plate can
 * be multiplied out and the structure has no exact tensor contraction: that is an error.
 *
 * <p>A vectorised Markov chain ({@link ChainLink}) is eliminated along its plate by a parallel scan of
 * semiring matrix products ({@link ParallelScan}) instead of a plate product.
 *
 * <p>The semiring decides what "eliminate" means (log-sum-exp, max, sampling); with a
 * {@link Backtrace} the eliminations are recorded for a backward pass that recovers values.
 *
 * <pre>{@code
 * Factor logZ = PlatedSumProduct.contract(graph, LogSumExpSemiring.INSTANCE);   // over graph.batch()
 * }</pre>
 */
public final class PlatedSumProduct {
    private final FactorGraph graph;
    private final Semiring ring;
    private final Backtrace backtrace;
    private final Map<String, Set<String>> variableOrdinals;

    private PlatedSumProduct(FactorGraph graph, Semiring ring, Backtrace backtrace) {
        this.graph = graph;
        this.ring = ring;
        this.backtrace = backtrace;
        this.variableOrdinals = graph.variableOrdinals();
    }

    /** The contraction of every variable and plate: a factor over the graph's batch names (unit dims where constant). */
    public static Factor contract(FactorGraph graph, Semiring ring) {
        return new PlatedSumProduct(graph, ring, null).run();
    }

    /** The contraction and the record of its eliminations, for a backward pass with a semiring that can choose. */
    public static Result contractWithBacktrace(FactorGraph graph, Semiring ring) {
        if (!ring.canChoose()) {
            throw new IllegalArgumentException("a backward pass needs a semiring that can choose values (max or sample),"
                    + " not " + ring.name());
        }
        Backtrace bt = new Backtrace(graph);
        Factor value = new PlatedSumProduct(graph, ring, bt).run();
        return new Result(value, bt);
    }

    /** The contracted value and the backtrace of a recorded contraction. */
    public record Result(Factor value, Backtrace backtrace) {
    }

    private Factor run() {
        Map<Set<String>, List<Factor>> tree = new LinkedHashMap<>();
        for (Factor f : graph.factors()) {
            tree.computeIfAbsent(graph.ordinal(f), k -> new ArrayList<>()).add(f);
        }
        Map<Set<String>, List<String>> localVariables = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : variableOrdinals.entrySet()) {
            localVariables.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        Set<String> minOrdinal = null;
        for (Set<String> o : tree.keySet()) {
            if (minOrdinal == null) {
                minOrdinal = new TreeSet<>(o);
            } else {
                minOrdinal.retainAll(o);
            }
        }
        while (localVariables.values().stream().anyMatch(l -> !l.isEmpty())) {
            Set<String> leaf = deepest(tree.keySet());
            List<Factor> terms = tree.remove(leaf);
            List<String> leafVars = localVariables.remove(leaf);
            if (leafVars == null) {
                leafVars = List.of();
            }
            for (Component c : partition(terms, leafVars)) {
                Factor term = sumProduct(c.terms, c.variables, leaf);
                Set<String> termOrdinal = graph.ordinal(term);
                Set<String> parent;
                if (leaf.equals(minOrdinal)) {
                    parent = termOrdinal;
                } else {
                    parent = new TreeSet<>();
                    for (String v : graph.variablesOf(term)) {
                        parent.addAll(variableOrdinals.get(v));
                    }
                    if (parent.equals(leaf)) {
                        throw intractable(leaf, term);
                    }
                    for (String plate : termOrdinal) {
                        if (!parent.contains(plate)) {
                            term = plateProduct(term, plate);
                        }
                    }
                }
                tree.computeIfAbsent(parent, k -> new ArrayList<>()).add(term);
            }
        }
        List<Factor> finals = new ArrayList<>();
        for (List<Factor> terms : tree.values()) {
            for (Factor t : terms) {
                for (String plate : graph.ordinal(t)) {
                    t = plateProduct(t, plate);
                }
                finals.add(t);
            }
        }
        Factor total = multiply(finals);
        List<String> keep = new ArrayList<>(graph.batch());
        return Factor.of(total.alignTo(keep), keep);
    }

    /** The ordinal with the most plates (ties broken by name, so the order is deterministic). */
    private static Set<String> deepest(Set<Set<String>> ordinals) {
        return ordinals.stream()
                .max(Comparator.<Set<String>>comparingInt(Set::size).thenComparing(Object::toString,
                        Comparator.reverseOrder()))
                .orElseThrow();
    }

    private record Component(List<Factor> terms, List<String> variables) {
    }

    /** Splits terms into groups connected through the given variables. */
    private List<Component> partition(List<Factor> terms, List<String> variables) {
        int n = terms.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstHolder = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (String v : terms.get(i).names()) {
                if (variables.contains(v)) {
                    Integer j = firstHolder.putIfAbsent(v, i);
                    if (j != null) {
                        parent[find(parent, i)] = find(parent, j);
                    }
                }
            }
        }
        Map<Integer, Component> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Component c = groups.computeIfAbsent(find(parent, i), k -> new Component(new ArrayList<>(), new ArrayList<>()));
            c.terms.add(terms.get(i));
            for (String v : terms.get(i).names()) {
                if (variables.contains(v) && !c.variables.contains(v)) {
                    c.variables.add(v);
                }
            }
        }
        return new ArrayList<>(groups.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Eliminates {@code variables} from the product of {@code terms}; Markov chains local to the leaf by a scan. */
    private Factor sumProduct(List<Factor> terms, List<String> variables, Set<String> leaf) {
        List<ChainLink> local = new ArrayList<>();
        for (ChainLink c : graph.chains()) {
            boolean prev = variables.contains(c.previous());
            boolean curr = variables.contains(c.current());
            if (prev != curr) {
                throw new IllegalArgumentException("chain " + c + ": its two variables live in different plates ("
                        + variableOrdinals.get(c.previous()) + " and " + variableOrdinals.get(c.current()) + ")");
            }
            if (prev && leaf.contains(c.time())) {
                local.add(c);
            }
        }
        if (local.isEmpty()) {
            return multiply(eliminate(terms, variables));
        }
        String time = local.get(0).time();
        Set<String> chainVars = new LinkedHashSet<>();
        for (ChainLink c : local) {
            if (!c.time().equals(time)) {
                throw new IllegalArgumentException("chains " + local + " run along different plates in one plate context;"
                        + " only one vectorised Markov plate per context is supported");
            }
            chainVars.add(c.previous());
            chainVars.add(c.current());
        }
        List<String> others = new ArrayList<>(variables);
        others.removeAll(chainVars);
        Factor transition = multiply(eliminate(terms, others));
        return ParallelScan.eliminate(ring, transition, local, graph, backtrace);
    }

    /**
     * Variable elimination: repeatedly takes the variable whose elimination creates the smallest factor
     * (ties: first in order), multiplies the factors that mention it, and eliminates it. Returns the
     * remaining factors.
     */
    private List<Factor> eliminate(List<Factor> terms, List<String> variables) {
        List<Factor> pool = new ArrayList<>(terms);
        List<String> todo = new ArrayList<>(variables);
        while (!todo.isEmpty()) {
            String best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (String v : todo) {
                Map<String, Long> sizes = new LinkedHashMap<>();
                for (Factor f : pool) {
                    if (f.has(v)) {
                        for (String n : f.names()) {
                            sizes.merge(n, f.size(n), Math::max);
                        }
                    }
                }
                double cost = 1;
                for (Map.Entry<String, Long> e : sizes.entrySet()) {
                    if (!e.getKey().equals(v)) {
                        cost *= e.getValue();
                    }
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = v;
                }
            }
            List<Factor> involved = new ArrayList<>();
            List<Factor> rest = new ArrayList<>();
            for (Factor f : pool) {
                (f.has(best) ? involved : rest).add(f);
            }
            Factor product = multiply(involved);
            if (backtrace != null) {
                backtrace.eliminated(best, product);
            }
            int axis = product.axis(best);
            List<String> names = new ArrayList<>(product.names());
            names.remove(axis);
            rest.add(Factor.of(ring.plus(product.data(), axis), names));
            pool = rest;
            todo.remove(best);
        }
        return pool;
    }

    /** The product of factors, laid out along the union of their names. */
    private Factor multiply(List<Factor> factors) {
        if (factors.isEmpty()) {
            return Factor.scalar(Tensor.scalar(0.0));
        }
        if (factors.size() == 1) {
            return factors.get(0);
        }
        List<String> names = Factor.union(factors);
        Tensor sum = null;
        for (Factor f : factors) {
            Tensor t = f.alignTo(names);
            sum = sum == null ? t : ring.times(sum, t);
        }
        return Factor.of(sum, names);
    }

    /**
     * The product over the copies of a plate, raised to the plate's scale; a factor constant along the
     * plate counts each copy.
     */
    private Factor plateProduct(Factor f, String plate) {
        long size = graph.plates().get(plate);
        double scale = graph.plateScale(plate);
        int axis = f.names().indexOf(plate);
        if (axis < 0) {
            return f.withData(f.data().mul(size * scale));
        }
        List<String> names = new ArrayList<>(f.names());
        names.remove(axis);
        Tensor data;
        if (f.data().size(axis) == 1 && size != 1) {
            data = f.data().squeeze(axis).mul(size * scale);
        } else {
            data = ring.plateProduct(f.data(), axis);
            if (scale != 1) {
                data = data.mul(scale);
            }
        }
        return Factor.of(data, names);
    }

    private IllegalArgumentException intractable(Set<String> leaf, Factor term) {
        StringBuilder vars = new StringBuilder();
        for (String v : graph.variablesOf(term)) {
            vars.append(vars.length() == 0 ? "" : ", ").append(v).append(" (plates ").append(variableOrdinals.get(v))
                    .append(')');
        }
        return new IllegalArgumentException("intractable plate structure: in plates " + leaf + " a factor still depends on "
                + vars + ", which live in plates that are not nested, so no plate can be multiplied out"
                + " (Obermeyer et al. 2019, section 3). Make one of the plates a sequential loop, or restructure the"
                + " model so that the variables' plates nest.");
    }
}
