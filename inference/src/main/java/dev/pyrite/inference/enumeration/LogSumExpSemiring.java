package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The log-sum-exp semiring: eliminating a variable sums its probabilities, so a full contraction gives
 * the marginal likelihood, differentiable in the factors' parameters. Its matrix product uses the
 * max-shifted exponentials and one real matrix product, {@code log(exp(a - ma) @ exp(b - mb)) + ma + mb},
 * which costs K^2 exponentials per K x K product rather than K^3; the shifts are gradient-free
 * constants, so the gradient is that of the exact expression.
 */
public final class LogSumExpSemiring implements Semiring {
    /** The one instance. */
    public static final LogSumExpSemiring INSTANCE = new LogSumExpSemiring();

    private LogSumExpSemiring() {
    }

    @Override
    public String name() {
        return "log-sum-exp";
    }

    @Override
    public Tensor plus(Tensor x, int dim) {
        return x.logSumExp(dim, false);
    }

    /**
     * {@code log(exp(a) @ exp(b))} over the last two dimensions, as
     * {@code log(exp(a - ma) @ exp(b - mb)) + ma + mb} with row maxima {@code ma} of a and column maxima
     * {@code mb} of b (gradient-free shifts, clamped to stay finite). The product of the small matrices
     * is an element-wise product with broadcasting and a sum over the last dimension, which for many
     * small matrices is several times faster than a batched matrix product; the gradient is supplied in
     * closed form, {@code da = Ea * ((g / P) @ Eb^T)} and {@code db = Eb * (Ea^T @ (g / P))} with
     * {@code P = Ea @ Eb}, reusing the forward pass's exponentials.
     */
    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Shifted[] saved = new Shifted[1];
        return Tensor.withGradient(new Tensor[]{a, b}, in -> {
            saved[0] = Shifted.of(in[0], in[1]);
            return saved[0].value();
        }, (g, out, in) -> {
            Tensor[] grads = saved[0].gradients(g);
            return new Tensor[]{in[0].requiresGrad() ? grads[0] : null, in[1].requiresGrad() ? grads[1] : null};
        });
    }

    /** One scan round as a single differentiable step: its gradient interleaves the two factors' gradients. */
    @Override
    public Tensor pairwiseMatmul(Tensor x) {
        Shifted[] saved = new Shifted[1];
        long[] shape = x.shape();
        return Tensor.withGradient(new Tensor[]{x}, in -> {
            Tensor paired = ParallelScan.paired(in[0]);
            saved[0] = Shifted.of(paired.select(-3, 0), paired.select(-3, 1));
            return saved[0].value();
        }, (g, out, in) -> {
            Tensor[] grads = saved[0].gradients(g);
            return new Tensor[]{Tensor.stack(-3, grads[0], grads[1]).reshape(shape)};
        });
    }

    /** The shifted exponentials of a product and its gradient. */
    private record Shifted(Tensor ea, Tensor ebT, Tensor ma, Tensor mb, Tensor p) {
        static Shifted of(Tensor a, Tensor b) {
            Tensor lowest = Tensor.scalar(a.dtype() == DataType.DOUBLE ? -1e300 : -1e30).castTo(a.dtype());
            Tensor ma = a.max(true, -1).maximum(lowest);
            Tensor mb = b.max(true, -2).maximum(lowest);
            Tensor ea = a.sub(ma).exp();
            Tensor ebT = b.sub(mb).exp().transpose();
            return new Shifted(ea, ebT, ma, mb, productT(ea, ebT));
        }

        Tensor value() {
            return p.log().add(ma).add(mb);
        }

        /** d/da and d/db of {@code sum(g * value())}. */
        Tensor[] gradients(Tensor g) {
            Tensor w = g.div(p);
            Tensor eb = ebT.transpose();
            Tensor ga = ea.mul(productT(w, eb));                                   // Ea * (W @ Eb^T)
            Tensor gb = eb.mul(productT(ea.transpose(), w.transpose()));          // Eb * (Ea^T @ W)
            return new Tensor[]{ga, gb};
        }
    }

    /** {@code x @ y} for batches of small matrices, given {@code yT = y^T}: a broadcast product summed over the last dim. */
    static Tensor productT(Tensor x, Tensor yT) {
        return x.unsqueeze(-2).mul(yT.unsqueeze(-3)).sum(false, -1);
    }

    @Override
    public String toString() {
        return name();
    }
}
