package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Eliminates a vectorised Markov chain along its plate by a parallel scan: the per-step transition
 * factors {@code [.., T, P, P]} (P the joint number of states of the chains linked along the plate) are
 * multiplied pairwise in the semiring, halving T each round, so T steps take ceil(log2 T) rounds of
 * batched matrix products and no loop over time steps (the associative-scan formulation of HMM
 * filtering; Särkkä and García-Fernández 2021, "Temporal Parallelization of Bayesian Smoothers"; the
 * same contraction as funsor's {@code sequential_sum_product}). The first step's previous state is
 * fixed to the first value (the chain's first factor does not depend on it), and the last state is
 * eliminated.
 *
 * <p>With a backtrace, every round's products are kept and the backward pass runs down the same tree:
 * knowing the states at the ends of a segment, it chooses the state at its midpoint from the two
 * halves' factors, for all segments of a round at once, again in log2 T rounds.
 */
final class ParallelScan {
    private static final String PREV = "\u0000previous state";
    private static final String CURR = "\u0000current state";

    private ParallelScan() {
    }

    /** Eliminates the chains of {@code links} from {@code transition}; the time plate and the chains' variables go. */
    static Factor eliminate(Semiring ring, Factor transition, List<ChainLink> links, FactorGraph graph,
                            Backtrace backtrace) {
        String time = links.get(0).time();
        long steps = graph.plates().get(time);
        List<String> prevs = new ArrayList<>();
        List<String> currs = new ArrayList<>();
        long[] k = new long[links.size()];
        long states = 1;
        for (int i = 0; i < links.size(); i++) {
            ChainLink c = links.get(i);
            prevs.add(c.previous());
            currs.add(c.current());
            k[i] = Math.max(graph.domainSize(c.previous()), graph.domainSize(c.current()));
            states *= k[i];
        }
        List<String> rest = new ArrayList<>();
        for (String n : transition.names()) {
            if (!n.equals(time) && !prevs.contains(n) && !currs.contains(n)) {
                rest.add(n);
            }
        }
        List<String> layout = new ArrayList<>(rest);
        layout.add(time);
        layout.addAll(prevs);
        layout.addAll(currs);
        Tensor data = transition.alignTo(layout);
        long[] shape = data.shape();
        int axis = rest.size();
        shape[axis] = steps;
        for (int i = 0; i < k.length; i++) {
            shape[axis + 1 + i] = k[i];
            shape[axis + 1 + k.length + i] = k[i];
        }
        data = data.broadcastTo(shape);
        long[] stepShape = Arrays.copyOf(shape, axis + 3);
        stepShape[axis + 1] = states;
        stepShape[axis + 2] = states;
        Tensor x = data.reshape(stepShape);

        List<Tensor> levels = backtrace == null ? null : new ArrayList<>();
        if (levels != null) {
            levels.add(x);
        }
        long n = steps;
        while (n > 1) {
            Tensor body = n % 2 == 0 ? x : x.slice(axis, 0, n - 1);
            Tensor product = ring.pairwiseMatmul(body);
            x = n % 2 == 0 ? product : Tensor.concat(axis, product, x.slice(axis, n - 1, n));
            n = (n + 1) / 2;
            if (levels != null) {
                levels.add(x);
            }
        }
        Tensor fromFirst = x.squeeze(axis).select(-2, 0);   // [rest.., P]: previous state of step 0 fixed
        Tensor value = ring.plus(fromFirst, -1);
        if (backtrace != null) {
            backtrace.add(new Backward(graph, time, steps, rest, prevs, currs, k, levels));
        }
        return Factor.of(value, rest);
    }

    /** {@code x [.., 2m, P, P]} viewed as consecutive pairs, {@code [.., m, 2, P, P]}. */
    static Tensor paired(Tensor x) {
        long[] s = x.shape();
        int axis = s.length - 3;
        long[] out = new long[s.length + 1];
        System.arraycopy(s, 0, out, 0, axis);
        out[axis] = s[axis] / 2;
        out[axis + 1] = 2;
        out[axis + 2] = s[axis + 1];
        out[axis + 3] = s[axis + 2];
        return x.reshape(out);
    }

    /** The backward pass down the scan tree. */
    private record Backward(FactorGraph graph, String time, long steps, List<String> rest,
                            List<String> prevs, List<String> currs, long[] k, List<Tensor> levels)
            implements Backtrace.Step {

        @Override
        public void choose(Semiring ring, Map<String, Factor> chosen) {
            List<String> names = new ArrayList<>(rest);
            names.add(time);
            names.add(PREV);
            names.add(CURR);
            List<double[]> arrays = new ArrayList<>();
            List<String> outer = null;
            long[] outerShape = null;
            for (Tensor level : levels) {
                Factor f = Factor.of(level, names);
                for (String n : rest) {
                    if (graph.isVariable(n)) {
                        Factor value = chosen.get(n);
                        if (value == null) {
                            throw new IllegalStateException("backward pass: variable '" + n + "' is needed before it was"
                                    + " chosen");
                        }
                        f = Backtrace.condition(f, n, value);
                    }
                }
                List<String> order = new ArrayList<>(f.names());
                order.removeAll(List.of(time, PREV, CURR));
                outer = new ArrayList<>(order);
                order.add(time);
                order.add(PREV);
                order.add(CURR);
                Tensor aligned = f.permuted(order).data();
                outerShape = Arrays.copyOf(aligned.shape(), outer.size());
                arrays.add(aligned.toDoubleArray());
            }
            int r = 1;
            for (long s : outerShape) {
                r *= (int) s;
            }
            int p = 1;
            for (long ki : k) {
                p *= (int) ki;
            }
            // The top: one segment from the fixed first previous state (0) to the last state.
            double[] top = arrays.get(arrays.size() - 1);
            double[][] lastLogits = new double[r][p];
            for (int ri = 0; ri < r; ri++) {
                for (int m = 0; m < p; m++) {
                    lastLogits[ri][m] = top[(ri * p) * p + m];   // level [r, 1, P, P], row 0
                }
            }
            long[] last = choose(ring, lastLogits);
            long[][] bounds = new long[r][];
            for (int ri = 0; ri < r; ri++) {
                bounds[ri] = new long[]{0, last[ri]};
            }
            long[] counts = new long[levels.size()];
            long c = steps;
            for (int l = 0; l < counts.length; l++) {
                counts[l] = c;
                c = (c + 1) / 2;
            }
            for (int l = levels.size() - 2; l >= 0; l--) {
                int n = (int) counts[l];
                int pairs = n / 2;
                double[] a = arrays.get(l);
                double[][] logits = new double[r * pairs][p];
                for (int ri = 0; ri < r; ri++) {
                    for (int j = 0; j < pairs; j++) {
                        long start = bounds[ri][j];
                        long end = bounds[ri][j + 1];
                        int left = ((ri * n) + 2 * j) * p * p;
                        int right = ((ri * n) + 2 * j + 1) * p * p;
                        for (int m = 0; m < p; m++) {
                            logits[ri * pairs + j][m] = a[left + (int) start * p + m] + a[right + m * p + (int) end];
                        }
                    }
                }
                long[] mids = pairs == 0 ? new long[0] : choose(ring, logits);
                long[][] next = new long[r][n + 1];
                for (int ri = 0; ri < r; ri++) {
                    for (int j = 0; j <= pairs; j++) {
                        next[ri][2 * j] = bounds[ri][j];
                    }
                    for (int j = 0; j < pairs; j++) {
                        next[ri][2 * j + 1] = mids[ri * pairs + j];
                    }
                    if (n % 2 == 1) {
                        next[ri][n] = bounds[ri][pairs + 1];
                    }
                }
                bounds = next;
            }
            List<String> valueNames = new ArrayList<>(outer);
            valueNames.add(time);
            long[] valueShape = Arrays.copyOf(outerShape, outer.size() + 1);
            valueShape[outer.size()] = steps;
            for (int i = 0; i < k.length; i++) {
                long stride = 1;
                for (int j = i + 1; j < k.length; j++) {
                    stride *= k[j];
                }
                long[] prevValues = new long[(int) (r * steps)];
                long[] currValues = new long[(int) (r * steps)];
                for (int ri = 0; ri < r; ri++) {
                    for (int t = 0; t < steps; t++) {
                        prevValues[(int) (ri * steps + t)] = (bounds[ri][t] / stride) % k[i];
                        currValues[(int) (ri * steps + t)] = (bounds[ri][t + 1] / stride) % k[i];
                    }
                }
                chosen.put(prevs.get(i), Factor.of(Tensor.of(Nd4j.createFromArray(prevValues).reshape(valueShape)),
                        valueNames));
                chosen.put(currs.get(i), Factor.of(Tensor.of(Nd4j.createFromArray(currValues).reshape(valueShape)),
                        valueNames));
            }
        }

        private static long[] choose(Semiring ring, double[][] logits) {
            Tensor w = Tensor.of(Nd4j.createFromArray(logits));
            return ring.choose(w, -1).array().castTo(DataType.INT64).toLongVector();
        }
    }
}
