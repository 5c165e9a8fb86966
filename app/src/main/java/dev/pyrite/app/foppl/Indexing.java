package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The vector and map functions: {@code get}, {@code nth}, {@code put}, {@code first}, {@code second},
 * {@code last}, {@code rest}, {@code conj}/{@code append}, {@code count}, {@code range}, {@code repeat}.
 * Indices are 0-based, as in Clojure. An index that differs between chains, enumerated values or loop
 * iterations (a discrete sample, a vectorised loop variable) selects by a one-hot product (a gather
 * that differentiates and that parallel enumeration can use).
 */
final class Indexing {
    private Indexing() {
    }

    /** {@code (get v i)} on a vector or {@code (get m k)} on a map. */
    static Object get(Object coll, Object index) {
        if (coll instanceof MapValue m) {
            Object k = Values.key(index);
            Object v = m.entries().get(k);
            if (v == null) {
                throw new IllegalArgumentException("no key " + describeKey(k) + " in the map; its keys are "
                        + describeKeys(m));
            }
            return v;
        }
        return nth(coll, index);
    }

    /** {@code (nth v i)}. */
    static Object nth(Object coll, Object index) {
        if (coll instanceof MapValue) {
            throw new IllegalArgumentException("nth needs a vector, got a hash-map (use get)");
        }
        TensorValue i = Values.numeric(index, "the index");
        if (i.isPlain() && i.rank() == 0) {
            long k = index(i, length(coll));
            if (coll instanceof ListValue l) {
                return l.items().get((int) k);
            }
            return Values.item((TensorValue) coll, k);
        }
        TensorValue v = Values.tensorOrNull(coll);
        if (v == null) {
            throw new IllegalArgumentException("an index that depends on a sample or on a vectorised loop needs a"
                    + " vector of numbers to select from, got " + Values.describe(coll));
        }
        return gather(v.numeric(), i);
    }

    private static long length(Object coll) {
        if (coll instanceof ListValue l) {
            return l.size();
        }
        if (coll instanceof TensorValue t && t.rank() >= 1) {
            return t.shape()[0];
        }
        throw new IllegalArgumentException("cannot index " + Values.describe(coll));
    }

    private static long index(TensorValue i, long n) {
        double d = i.number("the index");
        if (d != Math.rint(d) || d < 0 || d >= n) {
            throw new IllegalArgumentException("index " + format(d) + " is out of range for a vector of " + n
                    + " items (indices are 0-based)");
        }
        return (long) d;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * {@code v[i]} along v's first logical dimension for an index array {@code i} (any logical shape):
     * the result has shape {@code i.shape + v.shape[1:]}.
     */
    static TensorValue gather(TensorValue v, TensorValue i) {
        if (v.rank() < 1) {
            throw new IllegalArgumentException("cannot index " + Values.describe(v));
        }
        if (i.tensor().isTraced()) {
            throw new IllegalArgumentException("an index computed from continuous parameters cannot select items;"
                    + " indices must be data, loop variables or discrete samples");
        }
        if (Math.max(i.loopRank(), v.loopRank()) + i.rank() + v.rank() > TensorValue.MAX_RANK) {
            // the one-hot product below has all these dimensions at once
            throw new IllegalArgumentException("an index array of " + i.rank() + " dimensions cannot select from an"
                    + " array of " + v.rank() + ": arrays may have at most " + TensorValue.MAX_RANK + " dimensions");
        }
        long n = v.shape()[0];
        double[] values = i.tensor().toDoubleArray();
        for (double d : values) {
            if (d != Math.rint(d) || d < 0 || d >= n) {
                throw new IllegalArgumentException("index " + format(d) + " is out of range for a vector of " + n
                        + " items (indices are 0-based)");
            }
        }
        // one-hot of the index: [hidden..., i dims..., n], then a trailing unit per remaining dim of v
        Tensor hot = i.tensor().castTo(DataType.INT64).oneHot(n).castTo(v.tensor().dtype());
        int rest = v.rank() - 1;
        long[] hs = hot.shape();
        long[] withRest = new long[hs.length + rest];
        System.arraycopy(hs, 0, withRest, 0, hs.length);
        java.util.Arrays.fill(withRest, hs.length, withRest.length, 1L);
        TensorValue h = new TensorValue(hot.reshape(withRest), i.loopRank(), i.rank() + 1 + rest, i.random());
        // v as [hidden..., 1 (per index dim)..., n, rest...]
        TensorValue vv = v.padTo(v.loopRank(), i.rank() + v.rank());
        TensorValue[] a = TensorValue.align(h, vv);
        Tensor product = a[0].tensor().mul(a[1].tensor());
        int dim = product.rank() - v.rank();
        Tensor out = product.sum(false, dim);
        return new TensorValue(out, a[0].loopRank(), i.rank() + rest, i.random() || v.random());
    }

    /** {@code (put v i x)}: a copy of a vector with item i replaced, or of a map with key i set. */
    static Object put(Object coll, Object index, Object x) {
        if (coll instanceof MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>(m.entries());
            out.put(Values.key(index), x);
            return new MapValue(out);
        }
        TensorValue i = Values.numeric(index, "the index");
        if (coll instanceof ListValue l) {
            if (!(i.isPlain() && i.rank() == 0)) {
                TensorValue t = Values.tensorOrNull(l);
                if (t == null) {
                    throw new IllegalArgumentException("put with an index that depends on a sample needs a vector"
                            + " of numbers, got " + Values.describe(coll));
                }
                return putTensor(t, i, x);
            }
            List<Object> items = new ArrayList<>(l.items());
            items.set((int) index(i, items.size()), x);
            return Values.vector(items);
        }
        if (coll instanceof TensorValue t && t.rank() >= 1) {
            return putTensor(t, i, x);
        }
        throw new IllegalArgumentException("put needs a vector or a hash-map, got " + Values.describe(coll));
    }

    private static Object putTensor(TensorValue t, TensorValue i, Object x) {
        long n = t.shape()[0];
        if (i.isPlain() && i.rank() == 0) {
            index(i, n);
        } else if (i.rank() != 0) {
            throw new IllegalArgumentException("put needs a single index, got " + Values.describe(i));
        }
        TensorValue item = Values.numeric(x, "the new item");
        TensorValue rest = t.with(t.tensor().select(t.firstLogicalDim(), 0), t.loopRank(), t.rank() - 1);
        TensorValue.broadcastShapes("put", rest, item);
        if (item.rank() > t.rank() - 1) {
            throw new IllegalArgumentException("put: the new item " + Values.describe(item)
                    + " does not fit a vector of " + Values.describe(rest));
        }
        Tensor hot = i.tensor().castTo(DataType.INT64).oneHot(n).gt(Tensor.scalar(0.5));
        long[] hs = hot.shape();
        long[] withRest = new long[hs.length + t.rank() - 1];
        System.arraycopy(hs, 0, withRest, 0, hs.length);
        java.util.Arrays.fill(withRest, hs.length, withRest.length, 1L);
        TensorValue mask = new TensorValue(hot.reshape(withRest), i.loopRank(), t.rank(), i.random());
        TensorValue itemAsRow = item.padTo(item.loopRank(), t.rank());
        TensorValue[] a = TensorValue.align(mask, itemAsRow, t.numeric());
        Tensor out = Tensor.where(a[0].tensor(), a[1].tensor(), a[2].tensor());
        return new TensorValue(out, a[0].loopRank(), t.rank(), TensorValue.anyRandom(a));
    }

    static Object first(Object coll) {
        return nth(coll, TensorValue.scalar(0));
    }

    static Object second(Object coll) {
        return nth(coll, TensorValue.scalar(1));
    }

    static Object last(Object coll) {
        long n = Values.count(coll);
        if (n == 0) {
            throw new IllegalArgumentException("last of an empty vector");
        }
        return nth(coll, TensorValue.scalar(n - 1));
    }

    /** {@code (rest v)}: all items but the first (an empty vector stays empty). */
    static Object rest(Object coll) {
        if (coll instanceof ListValue l) {
            return l.size() <= 1 ? ListValue.EMPTY : Values.vector(l.items().subList(1, l.size()));
        }
        if (coll instanceof TensorValue t && t.rank() >= 1) {
            long n = t.shape()[0];
            if (n <= 1) {
                return ListValue.EMPTY;
            }
            return t.map(t.tensor().slice(t.firstLogicalDim(), 1, n));
        }
        throw new IllegalArgumentException("rest needs a vector, got " + Values.describe(coll));
    }

    /** {@code (conj v x ...)} and {@code (append v x)}: the vector with items added at the end. */
    static Object conj(Object[] args) {
        Object coll = args[0];
        if (coll instanceof MapValue m) {
            Map<Object, Object> out = new LinkedHashMap<>(m.entries());
            for (int k = 1; k < args.length; k++) {
                List<Object> pair = Values.items(args[k], "an entry added to a map");
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("an entry added to a map must be a [key value] vector");
                }
                out.put(Values.key(pair.get(0)), pair.get(1));
            }
            return new MapValue(out);
        }
        if (coll instanceof TensorValue t && t.rank() >= 1) {
            List<TensorValue> parts = new ArrayList<>();
            parts.add(t.numeric());
            boolean ok = true;
            long[] itemShape = java.util.Arrays.copyOfRange(t.shape(), 1, t.rank());
            for (int k = 1; k < args.length && ok; k++) {
                TensorValue x = Values.tensorOrNull(args[k]);
                ok = x != null && java.util.Arrays.equals(x.shape(), itemShape);
                if (ok) {
                    TensorValue x1 = x.numeric();
                    parts.add(x1.with(x1.tensor().unsqueeze(x1.firstLogicalDim()), x1.loopRank(), x1.rank() + 1));
                }
            }
            if (ok) {
                return concat(parts);
            }
        }
        List<Object> items = new ArrayList<>(coll == NilValue.NIL ? List.of() : Values.items(coll, "conj's first argument"));
        for (int k = 1; k < args.length; k++) {
            items.add(args[k]);
        }
        return Values.vector(items);
    }

    private static TensorValue concat(List<TensorValue> parts) {
        TensorValue[] a = TensorValue.align(parts.toArray(new TensorValue[0]));
        long[][] physical = new long[a.length][];
        for (int k = 0; k < a.length; k++) {
            physical[k] = a[k].tensor().shape();
        }
        int dim = a[0].firstLogicalDim();
        long[] full = new long[physical[0].length];
        for (int d = 0; d < full.length; d++) {
            long size = 1;
            for (long[] s : physical) {
                if (d != dim && s[d] != 1) {
                    size = s[d];
                }
            }
            full[d] = size;
        }
        Tensor[] ts = new Tensor[a.length];
        for (int k = 0; k < a.length; k++) {
            long[] target = full.clone();
            target[dim] = physical[k][dim];
            ts[k] = a[k].tensor().broadcastTo(target);
        }
        return new TensorValue(Tensor.concat(dim, ts), a[0].loopRank(), a[0].rank(), TensorValue.anyRandom(a));
    }

    /** {@code (range n)} is 0..n-1, {@code (range a b)} is a..b-1. */
    static Object range(Object[] args) {
        long from = args.length == 1 ? 0 : Values.numeric(args[0], "range start").count("range start");
        long to = Values.numeric(args[args.length - 1], "range end").count("range end");
        if (to <= from) {
            return ListValue.EMPTY;
        }
        double[] v = new double[(int) (to - from)];
        for (int k = 0; k < v.length; k++) {
            v[k] = from + k;
        }
        return TensorValue.constant(Tensor.of(v));
    }

    /** {@code (repeat n x)}: a vector of n copies of x. */
    static Object repeat(Object n, Object x) {
        long count = Values.numeric(n, "repeat count").count("repeat count");
        if (count == 0) {
            return ListValue.EMPTY;
        }
        TensorValue t = Values.tensorOrNull(x);
        if (t == null) {
            List<Object> items = new ArrayList<>();
            for (long k = 0; k < count; k++) {
                items.add(x);
            }
            return new ListValue(items);
        }
        Tensor u = t.tensor().unsqueeze(t.firstLogicalDim());
        long[] s = u.shape();
        s[t.firstLogicalDim()] = count;
        return t.with(u.broadcastTo(s), t.loopRank(), t.rank() + 1);
    }

    private static String describeKey(Object k) {
        return k instanceof String s ? "\"" + s + "\"" : k instanceof Double d ? format(d) : String.valueOf(k);
    }

    private static String describeKeys(MapValue m) {
        List<String> keys = new ArrayList<>();
        for (Object k : m.entries().keySet()) {
            keys.add(describeKey(k));
        }
        return keys.toString();
    }
}
