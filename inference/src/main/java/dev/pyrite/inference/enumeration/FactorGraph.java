package dev.pyrite.inference.enumeration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plated factor graph in log space: factors whose dimensions are named by enumerated variables,
 * plates or batch names. A factor's plates (its <em>ordinal</em>) are the plate names among its
 * dimensions; a variable's plates are those common to every factor that mentions it (Obermeyer et al.
 * 2019). Batch names (e.g. MCMC chains) are carried through every operation and never reduced. Chain
 * links mark vectorised Markov chains (see {@link ChainLink}).
 *
 * <p>A plate may carry a scale: its product over copies is raised to that power (a multiplier in log
 * space), which is how a subsampled plate stands for the whole data set: {@code size / subsample size}
 * applies to the plate's contribution after its local variables are summed out, not to each factor.
 *
 * @param factors     the factors
 * @param plates      plate name to size (the size of its dimension), in a fixed order
 * @param batch       names kept in the result, in result order
 * @param chains      vectorised Markov chains
 * @param plateScales plate name to scale, for plates whose scale is not 1
 */
public record FactorGraph(List<Factor> factors, Map<String, Long> plates, List<String> batch, List<ChainLink> chains,
                          Map<String, Double> plateScales) {

    public FactorGraph {
        factors = List.copyOf(factors);
        plates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plates));
        batch = List.copyOf(batch);
        chains = List.copyOf(chains);
        plateScales = Map.copyOf(plateScales);
        for (String p : plateScales.keySet()) {
            if (!plates.containsKey(p)) {
                throw new IllegalArgumentException("FactorGraph: scale for '" + p + "', which is not a plate");
            }
        }
        for (String b : batch) {
            if (plates.containsKey(b)) {
                throw new IllegalArgumentException("FactorGraph: '" + b + "' is both a plate and a batch name");
            }
        }
        for (Factor f : factors) {
            for (String n : f.names()) {
                Long size = plates.get(n);
                if (size != null && f.size(n) != 1 && f.size(n) != size) {
                    throw new IllegalArgumentException("FactorGraph: " + f + " has size " + f.size(n) + " along plate '"
                            + n + "' of size " + size);
                }
            }
        }
        Set<String> vars = variablesOf(factors, plates, batch);
        for (ChainLink c : chains) {
            if (!plates.containsKey(c.time())) {
                throw new IllegalArgumentException("FactorGraph: chain " + c + " runs along '" + c.time()
                        + "', which is not a plate (plates: " + plates.keySet() + ")");
            }
            if (!vars.contains(c.previous()) || !vars.contains(c.current())) {
                throw new IllegalArgumentException("FactorGraph: chain " + c + " names a variable no factor mentions"
                        + " (variables: " + vars + ")");
            }
        }
    }

    /** A graph whose plates all have scale 1. */
    public FactorGraph(List<Factor> factors, Map<String, Long> plates, List<String> batch, List<ChainLink> chains) {
        this(factors, plates, batch, chains, Map.of());
    }

    /** The scale of a plate (1 unless subsampled). */
    public double plateScale(String plate) {
        return plateScales.getOrDefault(plate, 1.0);
    }

    /** A graph without batch names or chains. */
    public static FactorGraph of(List<Factor> factors, Map<String, Long> plates) {
        return new FactorGraph(factors, plates, List.of(), List.of());
    }

    /** The enumerated variables: every name that is neither a plate nor a batch name, in order of first use. */
    public Set<String> variables() {
        return variablesOf(factors, plates, batch);
    }

    private static Set<String> variablesOf(List<Factor> factors, Map<String, Long> plates, List<String> batch) {
        Set<String> out = new LinkedHashSet<>();
        for (Factor f : factors) {
            for (String n : f.names()) {
                if (!plates.containsKey(n) && !batch.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    public boolean isPlate(String name) {
        return plates.containsKey(name);
    }

    public boolean isVariable(String name) {
        return !plates.containsKey(name) && !batch.contains(name);
    }

    /** The plates of a factor: the plate names among its dimensions, sorted. */
    public Set<String> ordinal(Factor f) {
        Set<String> out = new TreeSet<>();
        for (String n : f.names()) {
            if (plates.containsKey(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The variables among a factor's names, in its order. */
    public List<String> variablesOf(Factor f) {
        List<String> out = new ArrayList<>();
        for (String n : f.names()) {
            if (isVariable(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Each variable's plates: the intersection of the plates of the factors that mention it. */
    public Map<String, Set<String>> variableOrdinals() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Factor f : factors) {
            Set<String> o = ordinal(f);
            for (String v : variablesOf(f)) {
                Set<String> prev = out.get(v);
                if (prev == null) {
                    out.put(v, new TreeSet<>(o));
                } else {
                    prev.retainAll(o);
                }
            }
        }
        return out;
    }

    /** The number of values of a variable (its largest size over the factors). */
    public long domainSize(String variable) {
        long k = 1;
        for (Factor f : factors) {
            k = Math.max(k, f.size(variable));
        }
        return k;
    }
}
