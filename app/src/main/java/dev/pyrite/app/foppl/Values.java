package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between the kinds of FOPPL values: vectors of numbers become arrays, arrays split into
 * their items, map keys, truth values, and the merge of the two branches of an {@code if} whose
 * condition differs between chains, enumerated values or loop iterations.
 */
final class Values {
    private Values() {
    }

    /** A short description for messages: "a number", "a vector of 8 numbers", "a list of 3 items"... */
    static String describe(Object v) {
        if (v instanceof TensorValue t) {
            long[] s = t.shape();
            String kind = t.isBool() ? "boolean" : "number";
            if (s.length == 0) {
                return "a " + kind;
            }
            if (s.length == 1) {
                return "a vector of " + s[0] + " " + kind + "s";
            }
            if (s.length == 2) {
                return "a " + s[0] + "x" + s[1] + " matrix";
            }
            return "an array of shape " + Shapes.format(s);
        }
        if (v instanceof ListValue l) {
            return "a vector of " + l.size() + " items";
        }
        if (v instanceof MapValue) {
            return "a hash-map";
        }
        if (v instanceof DistributionValue d) {
            return "a " + d.family().fopplName() + " distribution";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof KeywordValue k) {
            return "the keyword " + k;
        }
        return v == NilValue.NIL ? "nil" : v.getClass().getSimpleName();
    }

    /** The value as numbers (booleans as 0/1); a vector of equally shaped numbers becomes one array. */
    static TensorValue numeric(Object v, String what) {
        TensorValue t = tensorOrNull(v);
        if (t == null) {
            throw new IllegalArgumentException(what + " must be a number or an array of numbers, got " + describe(v));
        }
        return t.numeric();
    }

    /** The value as a {@link TensorValue} if it is one or a (nested) vector of equally shaped ones; else null. */
    static TensorValue tensorOrNull(Object v) {
        if (v instanceof TensorValue t) {
            return t;
        }
        if (v instanceof ListValue l && l.size() > 0) {
            List<TensorValue> items = new ArrayList<>(l.size());
            for (Object o : l.items()) {
                TensorValue t = tensorOrNull(o);
                if (t == null) {
                    return null;
                }
                items.add(t);
            }
            return stackOrNull(items);
        }
        return null;
    }

    /** A FOPPL vector of these items: one array when they are numbers of one shape, else a list. */
    static Object vector(List<Object> items) {
        if (items.isEmpty()) {
            return ListValue.EMPTY;
        }
        List<TensorValue> tensors = new ArrayList<>(items.size());
        for (Object o : items) {
            if (!(o instanceof TensorValue t)) {
                return new ListValue(items);
            }
            tensors.add(t);
        }
        TensorValue stacked = stackOrNull(tensors);
        return stacked != null ? stacked : new ListValue(items);
    }

    /** Stacks values of one logical shape along a new first logical dimension; null if shapes differ. */
    static TensorValue stackOrNull(List<TensorValue> items) {
        long[] shape = items.get(0).shape();
        boolean allBool = true;
        for (TensorValue t : items) {
            if (!Arrays.equals(t.shape(), shape)) {
                return null;
            }
            allBool &= t.isBool();
        }
        TensorValue[] parts = new TensorValue[items.size()];
        boolean random = false;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = allBool ? items.get(i) : items.get(i).numeric();
            random |= parts[i].random();
        }
        if (allBool) {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].map(parts[i].tensor().castTo(Backend.floatType()));
            }
        }
        parts = TensorValue.align(parts);
        long[][] physical = new long[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            physical[i] = parts[i].tensor().shape();
        }
        long[] full = Shapes.broadcast(physical);
        Tensor[] ts = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ts[i] = parts[i].tensor().broadcastTo(full);
        }
        int rank = parts[0].rank();
        Tensor stacked = Tensor.stack(full.length - rank, ts);
        if (allBool) {
            stacked = stacked.gt(Tensor.scalar(0.5));
        }
        return new TensorValue(stacked, parts[0].loopRank(), rank + 1, random);
    }

    /** The items of a vector value, in order. */
    static List<Object> items(Object seq, String what) {
        if (seq instanceof ListValue l) {
            return l.items();
        }
        if (seq instanceof TensorValue t && t.rank() >= 1) {
            long n = t.shape()[0];
            List<Object> out = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                out.add(item(t, i));
            }
            return out;
        }
        throw new IllegalArgumentException(what + " must be a vector, got " + describe(seq));
    }

    /** Item {@code i} (0-based) of an array, along its first logical dimension. */
    static TensorValue item(TensorValue t, long i) {
        return t.with(t.tensor().select(t.firstLogicalDim(), i), t.loopRank(), t.rank() - 1);
    }

    /** Number of items of a vector, list or map. */
    static long count(Object v) {
        if (v instanceof ListValue l) {
            return l.size();
        }
        if (v instanceof MapValue m) {
            return m.entries().size();
        }
        if (v instanceof TensorValue t && t.rank() >= 1) {
            return t.shape()[0];
        }
        throw new IllegalArgumentException("count needs a vector or a map, got " + describe(v));
    }

    /** A map key: numbers become {@link Double}s, booleans {@link Boolean}s. */
    static Object key(Object v) {
        if (v instanceof TensorValue t) {
            double x = t.number("a map key");
            return t.isBool() ? (Object) (x != 0) : (Object) x;
        }
        if (v instanceof String || v instanceof KeywordValue || v == NilValue.NIL) {
            return v;
        }
        throw new IllegalArgumentException("a map key must be a number, string or keyword, got " + describe(v));
    }

    /** Converts a map key back to a value. */
    static Object fromKey(Object k) {
        if (k instanceof Double d) {
            return TensorValue.scalar(d);
        }
        if (k instanceof Boolean b) {
            return TensorValue.bool(b);
        }
        return k;
    }

    /** Clojure truth of a value known before the run: false and nil are false; numbers are true unless 0. */
    static boolean truthy(Object v) {
        if (v == NilValue.NIL) {
            return false;
        }
        if (v instanceof TensorValue t) {
            return t.number("an if condition") != 0.0;
        }
        return true;
    }

    /** True when a condition must be applied per element (random, vectorised or an array). */
    static boolean needsSelect(Object cond) {
        return cond instanceof TensorValue t && !(t.isPlain() && t.rank() == 0);
    }

    /**
     * The value {@code a} where {@code cond} holds and {@code b} elsewhere, for an {@code if} evaluated on
     * both branches. Arrays merge element-wise; distributions of one family merge their parameters; vectors
     * and maps merge item by item; equal values are kept.
     */
    static Object select(TensorValue cond, Object a, Object b) {
        TensorValue ta = tensorOrNull(a);
        TensorValue tb = tensorOrNull(b);
        if (ta != null && tb != null) {
            boolean bool = ta.isBool() && tb.isBool();
            TensorValue[] v = TensorValue.align(cond.truth(), ta.numeric(), tb.numeric());
            TensorValue.broadcastShapes("if", v[0], v[1], v[2]);
            Tensor w = Tensor.where(v[0].tensor(), v[1].tensor(), v[2].tensor());
            if (bool) {
                w = w.gt(Tensor.scalar(0.5));
            }
            int rank = Math.max(v[0].rank(), v[1].rank());
            return new TensorValue(w, v[0].loopRank(), rank, TensorValue.anyRandom(v));
        }
        if (a instanceof DistributionValue da && b instanceof DistributionValue db && da.family() == db.family()
                && da.args().size() == db.args().size()) {
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < da.args().size(); i++) {
                args.add(select(cond, da.args().get(i), db.args().get(i)));
            }
            return new DistributionValue(da.family(), args, da.span());
        }
        if (a instanceof ListValue la && b instanceof ListValue lb && la.size() == lb.size()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < la.size(); i++) {
                items.add(select(cond, la.items().get(i), lb.items().get(i)));
            }
            return new ListValue(items);
        }
        if (a instanceof MapValue ma && b instanceof MapValue mb && ma.entries().keySet().equals(mb.entries().keySet())) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : ma.entries().entrySet()) {
                out.put(e.getKey(), select(cond, e.getValue(), mb.entries().get(e.getKey())));
            }
            return new MapValue(out);
        }
        if (a.equals(b)) {
            return a;
        }
        throw new IllegalArgumentException("the condition differs between chains, iterations or elements, so both"
                + " branches are evaluated and merged element by element; that needs branches of the same kind, got "
                + describe(a) + " and " + describe(b));
    }

    /**
     * Iteration {@code index} of a value computed once for every iteration of the innermost vectorised
     * loop (at depth {@code depth}): selects along that loop's dimension where the value has it.
     */
    static Object iteration(Object v, int depth, long index) {
        if (v instanceof TensorValue t) {
            if (t.loopRank() < depth) {
                return t;
            }
            int dim = t.prefixRank() + depth - 1;
            long at = t.tensor().size(dim) == 1 ? 0 : index;   // the same for every iteration
            return t.with(t.tensor().select(dim, at), t.loopRank() - 1, t.rank());
        }
        if (v instanceof ListValue l) {
            List<Object> items = new ArrayList<>();
            for (Object o : l.items()) {
                items.add(iteration(o, depth, index));
            }
            return new ListValue(items);
        }
        if (v instanceof MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : m.entries().entrySet()) {
                out.put(e.getKey(), iteration(e.getValue(), depth, index));
            }
            return new MapValue(out);
        }
        if (v instanceof DistributionValue d) {
            List<Object> args = new ArrayList<>();
            for (Object o : d.args()) {
                args.add(iteration(o, depth, index));
            }
            return new DistributionValue(d.family(), args, d.span());
        }
        return v;
    }
}
