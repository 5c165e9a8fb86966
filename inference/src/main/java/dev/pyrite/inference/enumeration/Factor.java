package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A factor of a plated factor graph in log space: a tensor whose every dimension is named, either by an
 * enumerated variable (the dimension runs over its values) or by a plate (it runs over the plate's
 * indices), as in Obermeyer et al. 2019, "Tensor Variable Elimination for Plated Factor Graphs". Names
 * make layouts explicit, so two variables that shared one enumeration dimension in a trace (under
 * {@code markov}) stay apart here. Immutable; works on concrete and traced tensors.
 *
 * <pre>{@code
 * Factor f = Factor.of(Tensor.zeros(2, 3), List.of("a", "data"));   // a over 2 values, plate data of 3
 * Tensor t = f.alignTo(List.of("b", "a", "data"));                   // shape [1, 2, 3]
 * }</pre>
 */
public final class Factor {
    private final Tensor data;
    private final List<String> names;

    private Factor(Tensor data, List<String> names) {
        this.data = data;
        this.names = names;
    }

    /** A factor whose dimension {@code i} is called {@code names.get(i)}; names must be distinct. */
    public static Factor of(Tensor data, List<String> names) {
        if (data.rank() != names.size()) {
            throw new IllegalArgumentException("Factor: " + names.size() + " names " + names + " for a tensor of shape "
                    + Shapes.format(data.shape()));
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("Factor: dimension names must be distinct, got " + names);
        }
        return new Factor(data, List.copyOf(names));
    }

    /** A factor with no dimensions. */
    public static Factor scalar(Tensor value) {
        return of(value.rank() == 0 ? value : value.reshape(), List.of());
    }

    public Tensor data() {
        return data;
    }

    /** The name of each dimension, left to right. */
    public List<String> names() {
        return names;
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    /** The position of a named dimension; an error if there is none. */
    public int axis(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("factor over " + names + " has no dimension '" + name + "'");
        }
        return i;
    }

    /** The size of a named dimension (1 if the factor does not vary along it). */
    public long size(String name) {
        int i = names.indexOf(name);
        return i < 0 ? 1 : data.size(i);
    }

    /**
     * The data laid out along {@code target}, which must contain every name of this factor: dimensions
     * are permuted into target order, and names this factor lacks become unit dimensions.
     */
    public Tensor alignTo(List<String> target) {
        int[] order = new int[names.size()];
        long[] shape = new long[target.size()];
        int k = 0;
        for (int i = 0; i < target.size(); i++) {
            int at = names.indexOf(target.get(i));
            if (at >= 0) {
                order[k++] = at;
                shape[i] = data.size(at);
            } else {
                shape[i] = 1;
            }
        }
        if (k != names.size()) {
            throw new IllegalArgumentException("cannot lay out a factor over " + names + " along " + target);
        }
        return data.permute(order).reshape(shape);
    }

    /** This factor with its dimensions permuted into the order of {@code target} (same names). */
    public Factor permuted(List<String> target) {
        if (target.size() != names.size() || !new HashSet<>(target).equals(new HashSet<>(names))) {
            throw new IllegalArgumentException("cannot permute a factor over " + names + " to " + target);
        }
        return new Factor(alignTo(target), List.copyOf(target));
    }

    /** The same data with some dimensions renamed ({@code old -> new}; names not in the map stay). */
    public Factor renamed(Map<String, String> renames) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(renames.getOrDefault(n, n));
        }
        return of(data, out);
    }

    /** The same names over new data of the same rank. */
    public Factor withData(Tensor newData) {
        return of(newData, names);
    }

    /** Union of names, in order of first appearance. */
    static List<String> union(List<Factor> factors) {
        List<String> out = new ArrayList<>();
        for (Factor f : factors) {
            for (String n : f.names) {
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Factor" + names + " " + Arrays.toString(data.shape());
    }
}
