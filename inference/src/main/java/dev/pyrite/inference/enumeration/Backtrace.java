package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a contraction's eliminations, and the backward pass over it: in reverse order, each
 * eliminated variable's factor (as it was just before elimination) is conditioned on the values of the
 * variables it still mentions, all of which were eliminated later and so are already chosen, and the
 * semiring chooses the variable's value. With the max semiring this is the Viterbi backtrace (a MAP
 * assignment); with the sampling semiring it is backward sampling (an exact joint posterior draw).
 *
 * <p>Values are indices into each variable's support, as INT64 factors over the variable's plates and
 * the batch names.
 */
public final class Backtrace {
    private final FactorGraph graph;
    private final List<Step> steps = new ArrayList<>();

    Backtrace(FactorGraph graph) {
        this.graph = graph;
    }

    /** One recorded elimination. */
    interface Step {
        /** Chooses the values this step eliminated, given {@code chosen} (extended in place). */
        void choose(Semiring ring, Map<String, Factor> chosen);
    }

    void eliminated(String variable, Factor logWeights) {
        steps.add((ring, chosen) -> {
            Factor f = conditionOnChosen(logWeights, variable, chosen);
            Tensor index = ring.choose(f.data(), f.axis(variable));
            List<String> names = new ArrayList<>(f.names());
            names.remove(variable);
            chosen.put(variable, Factor.of(index, names));
        });
    }

    void add(Step step) {
        steps.add(step);
    }

    /** Every eliminated variable's chosen value (support index), by a backward pass with {@code ring}. */
    public Map<String, Factor> values(Semiring ring) {
        if (!ring.canChoose()) {
            throw new IllegalArgumentException("the " + ring.name() + " semiring cannot choose values");
        }
        Map<String, Factor> chosen = new LinkedHashMap<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).choose(ring, chosen);
        }
        return chosen;
    }

    /** Conditions {@code f} on the chosen values of every variable it mentions except {@code keep}. */
    Factor conditionOnChosen(Factor f, String keep, Map<String, Factor> chosen) {
        Factor out = f;
        for (String n : f.names()) {
            if (!n.equals(keep) && graph.isVariable(n)) {
                Factor value = chosen.get(n);
                if (value == null) {
                    throw new IllegalStateException("backward pass: variable '" + n + "' is needed before it was chosen");
                }
                out = condition(out, n, value);
            }
        }
        return out;
    }

    /** {@code f} at {@code variable = value}: the variable's dimension is removed, value's names are added. */
    static Factor condition(Factor f, String variable, Factor value) {
        List<String> names = new ArrayList<>(f.names());
        for (String n : value.names()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        Tensor data = f.alignTo(names);
        List<String> hotNames = new ArrayList<>(value.names());
        hotNames.add(variable);
        Tensor hot = Factor.of(value.data().oneHot(f.size(variable)), hotNames).alignTo(names).gt(0.5);
        int axis = names.indexOf(variable);
        // where(), not a product: log weights may be -inf, and -inf * 0 is NaN.
        Tensor picked = Tensor.where(hot, data, data.zerosLike()).sum(false, axis);
        names.remove(axis);
        return Factor.of(picked, names);
    }
}
