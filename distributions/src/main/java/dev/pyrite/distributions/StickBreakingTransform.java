package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * Stick breaking from R^(K-1) onto the K-simplex (last dimension). With offsets shifting x = 0 to the
 * uniform point, {@code z_i = sigmoid(x_i - log(K - 1 - i))}, each coordinate takes the fraction z_i of
 * what remains: {@code y_i = z_i prod_{j<i} (1 - z_j)} and {@code y_K = prod_j (1 - z_j)}. The Jacobian of
 * the first K-1 coordinates of y is triangular, so
 * {@code log |det| = sum_i [log z_i + log(1 - z_i) + sum_{j<i} log(1 - z_j)]}.
 */
public final class StickBreakingTransform implements Transform {
    static final StickBreakingTransform INSTANCE = new StickBreakingTransform();

    private StickBreakingTransform() {
    }

    public static StickBreakingTransform of() {
        return INSTANCE;
    }

    /** log(K - 1 - i) for i = 0..K-2, where K - 1 = n. */
    private static Tensor offsets(long n, Tensor like) {
        double[] o = new double[(int) n];
        for (int i = 0; i < n; i++) {
            o[i] = Math.log(n - i);
        }
        return Tensor.of(o).castTo(like.dtype());
    }

    @Override
    public Tensor forward(Tensor x) {
        long n = x.size(-1);
        Tensor shifted = x.sub(offsets(n, x));
        Tensor log1mz = shifted.neg().logSigmoid();
        Tensor cum = log1mz.cumsum(-1);
        Tensor head = shifted.logSigmoid().add(cum.sub(log1mz)).exp();
        Tensor last = cum.slice(-1, n - 1, n).exp();
        return Tensor.concat(-1, head, last);
    }

    /** z_i = y_i / (1 - sum_{j<i} y_j); x_i = logit(z_i) + log(K - 1 - i). */
    @Override
    public Tensor inverse(Tensor y) {
        long k = y.size(-1);
        Tensor head = y.slice(-1, 0, k - 1);
        Tensor remaining = head.cumsum(-1).sub(head).rsub(1.0);
        return head.log().sub(remaining.sub(head).log()).add(offsets(k - 1, y));
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        long n = x.size(-1);
        Tensor shifted = x.sub(offsets(n, x));
        Tensor log1mz = shifted.neg().logSigmoid();
        Tensor exclusive = log1mz.cumsum(-1).sub(log1mz);
        return shifted.logSigmoid().add(log1mz).add(exclusive).sum(false, -1);
    }

    @Override
    public int domainEventDim() {
        return 1;
    }

    @Override
    public long[] forwardShape(long[] shape) {
        long[] s = shape.clone();
        s[s.length - 1] += 1;
        return s;
    }

    @Override
    public long[] inverseShape(long[] shape) {
        long[] s = shape.clone();
        s[s.length - 1] -= 1;
        return s;
    }

    @Override
    public String toString() {
        return "StickBreakingTransform";
    }
}
