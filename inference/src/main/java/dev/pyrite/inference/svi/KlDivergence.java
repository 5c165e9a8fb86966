package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Beta;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Independent;
import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.Tensor;

/**
 * Closed-form Kullback-Leibler divergences {@code KL(q || p)} for the pairs that have one, of the
 * broadcast batch shape. Pairs: Normal/Normal, Bernoulli/Bernoulli, Beta/Beta, and Independent versions
 * of these with the same number of reinterpreted dimensions (summed over them).
 *
 * <pre>{@code
 * Tensor kl = KlDivergence.of(Normal.of(1, 2), Normal.of(0, 1));   // log(1/2) + (4 + 1)/2 - 1/2
 * }</pre>
 */
public final class KlDivergence {
    private KlDivergence() {
    }

    /** True when {@link #of} has a rule for the pair. */
    public static boolean has(Distribution q, Distribution p) {
        if (q instanceof Independent qi && p instanceof Independent pi) {
            return qi.eventShape().length == pi.eventShape().length
                    && qi.eventShape().length - qi.base().eventShape().length
                    == pi.eventShape().length - pi.base().eventShape().length
                    && has(qi.base(), pi.base());
        }
        return q instanceof Normal && p instanceof Normal
                || q instanceof Bernoulli && p instanceof Bernoulli
                || q instanceof Beta && p instanceof Beta;
    }

    /** KL(q || p); an error when the pair has no rule (see {@link #has}). */
    public static Tensor of(Distribution q, Distribution p) {
        if (q instanceof Independent qi && p instanceof Independent pi && has(q, p)) {
            int n = qi.eventShape().length - qi.base().eventShape().length;
            Tensor kl = of(qi.base(), pi.base());
            for (int i = 0; i < n; i++) {
                kl = kl.sum(false, -1);
            }
            return kl;
        }
        if (q instanceof Normal a && p instanceof Normal b) {
            Tensor ratio = a.scale().div(b.scale());
            Tensor diff = a.loc().sub(b.loc()).div(b.scale());
            return ratio.square().add(diff.square()).sub(1.0).mul(0.5).sub(ratio.log());
        }
        if (q instanceof Bernoulli a && p instanceof Bernoulli b) {
            Tensor qp = a.logits().sigmoid();
            Tensor pos = a.logits().logSigmoid().sub(b.logits().logSigmoid());
            Tensor neg = a.logits().neg().logSigmoid().sub(b.logits().neg().logSigmoid());
            return qp.mul(pos).add(qp.rsub(1.0).mul(neg));
        }
        if (q instanceof Beta a && p instanceof Beta b) {
            Tensor a1 = a.concentration1();
            Tensor b1 = a.concentration0();
            Tensor a2 = b.concentration1();
            Tensor b2 = b.concentration0();
            Tensor s1 = a1.add(b1);
            return logBeta(a2, b2).sub(logBeta(a1, b1))
                    .add(a1.sub(a2).mul(a1.digamma()))
                    .add(b1.sub(b2).mul(b1.digamma()))
                    .add(a2.sub(a1).add(b2).sub(b1).mul(s1.digamma()));
        }
        throw new IllegalArgumentException("no closed-form KL divergence for " + q.getClass().getSimpleName() + " || "
                + p.getClass().getSimpleName());
    }

    private static Tensor logBeta(Tensor a, Tensor b) {
        return a.lgamma().add(b.lgamma()).sub(a.add(b).lgamma());
    }
}
