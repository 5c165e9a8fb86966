package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code (foreach n [x1 xs1 x2 xs2 ...] body...)}: the vector of the body's values for i = 0..n-1 with each
 * {@code xk} bound to item i of {@code xsk} (van de Meent et al. 2018, section 2.1).
 *
 * <p>Vectorised when it can be: the body is evaluated <em>once</em> with each {@code xk} bound to all n
 * items along a hidden loop dimension, so its samples and observations become single sites with one plate
 * per loop (and its value an array). That needs sequences of numbers and a body whose shapes do not
 * depend on the loop variables (the {@link Compiler} checks that {@code range}, {@code repeat}, nested
 * {@code foreach} and {@code loop} counts in the body are known before the loop). Otherwise the body runs
 * n times and the sites of iteration i are named with {@code [i+1]}.
 */
final class ForeachNode implements Node {
    private final Node count;
    private final int[] slots;
    private final Node[] sequences;
    private final Node[] body;
    private final boolean vectorisable;
    private final Span span;

    ForeachNode(Node count, int[] slots, Node[] sequences, Node[] body, boolean vectorisable, Span span) {
        this.count = count;
        this.slots = slots;
        this.sequences = sequences;
        this.body = body;
        this.vectorisable = vectorisable;
        this.span = span;
    }

    Node[] body() {
        return body;
    }

    boolean vectorisable() {
        return vectorisable;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        long n = (Long) Node.evalAt(new CountCheck(count, "the foreach count"), frame, ev);
        Object[] seqs = new Object[sequences.length];
        TensorValue[] tensors = new TensorValue[sequences.length];
        boolean allTensors = true;
        for (int k = 0; k < seqs.length; k++) {
            seqs[k] = sequences[k].eval(frame, ev);
            long len;
            try {
                len = Values.count(seqs[k]);
            } catch (IllegalArgumentException e) {
                throw new FopplException(sequences[k].span(), "foreach needs a vector to take items from, got "
                        + Values.describe(seqs[k]), e);
            }
            if (len < n) {
                throw new FopplException(sequences[k].span(), "foreach " + n + " needs at least " + n + " items, this"
                        + " vector has " + len);
            }
            tensors[k] = Values.tensorOrNull(seqs[k]);
            allTensors &= tensors[k] != null && tensors[k].rank() >= 1;
        }
        if (n == 0) {
            return ListValue.EMPTY;
        }
        return vectorisable && allTensors ? vectorised(frame, ev, n, tensors) : sequential(frame, ev, n, seqs);
    }

    private Object vectorised(Object[] frame, Evaluation ev, long n, TensorValue[] seqs) {
        int depth = ev.loopDepth() + 1;
        for (int k = 0; k < seqs.length; k++) {
            TensorValue t = seqs[k].padTo(depth - 1, seqs[k].rank());
            if (t.shape()[0] > n) {
                t = t.map(t.tensor().slice(t.firstLogicalDim(), 0, n));
            }
            frame[slots[k]] = t.with(t.tensor(), depth, t.rank() - 1);
        }
        Object result = NilValue.NIL;
        ev.enterLoop(n);
        try {
            for (Node b : body) {
                result = b.eval(frame, ev);
            }
        } finally {
            ev.exitLoop();
        }
        if (result instanceof TensorValue v) {
            TensorValue p = v.padTo(depth, v.rank());
            int dim = p.prefixRank() + depth - 1;
            long[] shape = p.tensor().shape();
            Tensor t = p.tensor();
            if (shape[dim] != n) {
                shape[dim] = n;
                t = t.broadcastTo(shape);
            }
            return p.with(t, depth - 1, p.rank() + 1);
        }
        List<Object> items = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            items.add(Values.iteration(result, depth, i));
        }
        return Values.vector(items);
    }

    private Object sequential(Object[] frame, Evaluation ev, long n, Object[] seqs) {
        List<List<Object>> items = new ArrayList<>();
        for (Object s : seqs) {
            items.add(Values.items(s, "a foreach sequence"));
        }
        List<Object> results = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < slots.length; k++) {
                frame[slots[k]] = items.get(k).get(i);
            }
            ev.enterIteration(i + 1);
            try {
                Object v = NilValue.NIL;
                for (Node b : body) {
                    v = b.eval(frame, ev);
                }
                results.add(v);
            } finally {
                ev.exitIteration();
            }
        }
        return Values.vector(results);
    }

    @Override
    public Span span() {
        return span;
    }

    /** Evaluates a count expression to a whole number known before the run, as a {@link Long}. */
    record CountCheck(Node node, String what) implements Node {
        @Override
        public Object eval(Object[] frame, Evaluation ev) {
            return Values.numeric(node.eval(frame, ev), what).count(what);
        }

        @Override
        public Span span() {
            return node.span();
        }
    }
}
