package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Tensor;

/**
 * A potential energy U(q) = -log p(q) (up to a constant) on an unconstrained flat vector, evaluated for
 * C chains at once: {@code q [C, D]} to {@code U [C]}. It is written with tensor operations, so the
 * samplers can trace it (with its gradient) into their compiled step programs.
 *
 * <p>Each chain's U should depend on its own row of q only. The samplers then may evaluate a large
 * batch in blocks of chains, one thread each ({@code pyrite.threads}, see
 * {@link dev.pyrite.tensor.CompiledFunction#flatByRows}); a potential that couples its rows is found out
 * on the first call (the blocks differ from the whole batch) and keeps one thread.
 */
public interface Potential {
    /** D, the number of unconstrained coordinates. */
    int dimension();

    /** U(q) per chain. */
    Tensor energy(Tensor q);

    /** What the coordinates are, for error messages (e.g. the model's latent sites). */
    default String describe() {
        return dimension() + " unconstrained coordinates";
    }
}
