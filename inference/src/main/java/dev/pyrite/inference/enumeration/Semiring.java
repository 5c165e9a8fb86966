package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Tensor;

/**
 * The algebra a plated sum-product runs in, for factors held in log space. "Times" combines factors
 * (log densities add), "plus" eliminates an enumerated variable, and a plate is a product over its
 * copies (a sum of log values). A semiring that can {@linkplain #choose choose} also drives the
 * backward pass that recovers values of the eliminated variables: the maximising ones (Viterbi) or a
 * posterior draw (forward-filter backward-sample). Obermeyer et al. 2019, "Tensor Variable
 * Elimination for Plated Factor Graphs", section 4, lists these semirings.
 *
 * <p>Implementations are stateless apart from a random stream; the elimination algorithm is in
 * {@link PlatedSumProduct}, its slow reference in {@link NaiveSumProduct}.
 */
public interface Semiring {

    /** A short name for messages, e.g. {@code log-sum-exp}. */
    String name();

    /** The product of two factors: their log values added (with broadcasting). */
    default Tensor times(Tensor a, Tensor b) {
        return a.add(b);
    }

    /** Eliminates dimension {@code dim} (removed from the result): log-sum-exp, or max. */
    Tensor plus(Tensor x, int dim);

    /** The product over the copies of a plate laid out along {@code dim} (removed): a sum of log values. */
    default Tensor plateProduct(Tensor x, int dim) {
        return x.sum(false, dim);
    }

    /**
     * The matrix product in this semiring over the last two dimensions, with broadcast batch dimensions:
     * {@code out[.., i, k] = plus_j (a[.., i, j] times b[.., j, k])}. The parallel scan of vectorised
     * Markov chains is built on it.
     */
    default Tensor matmul(Tensor a, Tensor b) {
        return plus(a.unsqueeze(-1).add(b.unsqueeze(-3)), -2);
    }

    /**
     * The products of consecutive pairs along dimension -3 of {@code x [.., 2m, P, P]}:
     * {@code out[.., i] = x[.., 2i] matmul x[.., 2i + 1]}, of shape {@code [.., m, P, P]}; one round of
     * the parallel scan.
     */
    default Tensor pairwiseMatmul(Tensor x) {
        Tensor paired = ParallelScan.paired(x);
        return matmul(paired.select(-3, 0), paired.select(-3, 1));
    }

    /** True when {@link #choose} is supported, i.e. a backward pass can recover values. */
    default boolean canChoose() {
        return false;
    }

    /**
     * For the backward pass: an index along {@code dim} of concrete log weights, for every position of
     * the other dimensions (INT64, {@code dim} removed): the argmax, or a draw with probabilities
     * proportional to {@code exp(logWeights)}.
     */
    default Tensor choose(Tensor logWeights, int dim) {
        throw new UnsupportedOperationException("the " + name() + " semiring cannot choose values; use max (MAP) or"
                + " sample (posterior draws)");
    }
}
