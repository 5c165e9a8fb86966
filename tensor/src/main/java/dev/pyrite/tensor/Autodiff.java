package dev.pyrite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation of a traced computation. Each traced operation carries its own
 * {@link GradRule}, written with tensor operations, so the backward pass is emitted into the same
 * SameDiff graph as the forward pass. Only paths that reach a requested input are differentiated:
 * constants such as data matrices never get gradient operations.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * Gradients of {@code sum(y)} with respect to each of {@code wrt} (placeholders created with
     * {@code requiresGrad}). An input that {@code y} does not depend on gets zeros.
     */
    public static Tensor[] gradients(Tensor y, Tensor... wrt) {
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        if (y.requiresGrad()) {
            grads.put(y, y.onesLike().castTo(y.dtype()));
            for (Tensor node : reverseTopological(y)) {
                Tensor g = grads.get(node);
                if (g == null || node.rule() == null) {
                    continue;
                }
                Tensor[] in = node.parents();
                Tensor[] gin = node.rule().apply(g, node, in);
                for (int i = 0; i < in.length; i++) {
                    if (gin[i] == null || !in[i].requiresGrad()) {
                        continue;
                    }
                    Tensor gi = sumToShape(gin[i], in[i].shape());
                    Tensor prev = grads.get(in[i]);
                    grads.put(in[i], prev == null ? gi : prev.add(gi));
                }
            }
        }
        Tensor[] out = new Tensor[wrt.length];
        for (int i = 0; i < wrt.length; i++) {
            Tensor g = grads.get(wrt[i]);
            out[i] = g != null ? g : wrt[i].zerosLike();
        }
        return out;
    }

    /** Sums a gradient of a broadcast shape back to the shape of the operand that was broadcast. */
    public static Tensor sumToShape(Tensor g, long[] shape) {
        long[] gs = g.shape();
        if (java.util.Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                dims.add(i);
            }
        }
        Tensor r = g;
        if (!dims.isEmpty()) {
            r = g.sum(true, dims.stream().mapToInt(Integer::intValue).toArray());
        }
        return r.reshape(shape);
    }

    private static List<Tensor> reverseTopological(Tensor root) {
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Tensor> nodes = new ArrayList<>();
        Deque<Tensor> stack = new ArrayDeque<>();
        stack.push(root);
        seen.put(root, true);
        while (!stack.isEmpty()) {
            Tensor t = stack.pop();
            nodes.add(t);
            if (t.parents() != null) {
                for (Tensor p : t.parents()) {
                    if (p.requiresGrad() && seen.put(p, true) == null) {
                        stack.push(p);
                    }
                }
            }
        }
        // Node ids grow in creation order, which is a topological order of the trace.
        nodes.sort(Comparator.comparingInt(Tensor::nodeId).reversed());
        return nodes;
    }
}
