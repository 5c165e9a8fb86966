package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;

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

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Tensor ma = finiteOrZero(a.detach().max(true, -1));
        Tensor mb = finiteOrZero(b.detach().max(true, -2));
        return a.sub(ma).exp().matmul(b.sub(mb).exp()).log().add(ma).add(mb);
    }

    private static Tensor finiteOrZero(Tensor m) {
        return Tensor.where(m.isFinite(), m, m.zerosLike());
    }

    @Override
    public String toString() {
        return name();
    }
}
