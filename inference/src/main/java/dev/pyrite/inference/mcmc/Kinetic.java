package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Tensor;

/**
 * Euclidean kinetic energy with a per-chain inverse mass matrix, diagonal ({@code [C, D]}) or dense
 * ({@code [C, D, D]}). Written with tensor operations so it is traced into the step programs.
 */
final class Kinetic {
    private Kinetic() {
    }

    /** v = M^-1 p; a dense inverse mass has one more dimension than the momenta. */
    static Tensor velocity(Tensor invMass, Tensor p) {
        if (invMass.rank() == p.rank()) {
            return invMass.mul(p);
        }
        return invMass.matmul(p.unsqueeze(-1)).squeeze(-1);
    }

    /** K(p) = p^T M^-1 p / 2 per chain. */
    static Tensor energy(Tensor invMass, Tensor p) {
        return velocity(invMass, p).mul(p).sum(false, 1).mul(0.5);
    }

    /**
     * The generalised no-U-turn criterion (Betancourt 2017, appendix A.4.2) between edge momenta
     * {@code pLeft}, {@code pRight} with {@code rho} the sum of momenta over the trajectory, both ends
     * included: true where the trajectory has started to turn back.
     */
    static Tensor turning(Tensor invMass, Tensor pLeft, Tensor pRight, Tensor rho) {
        return turningMask(invMass, pLeft, pRight, rho).gt(0.5);
    }

    /** {@link #turning} as a 0/1 mask of the momenta's float type (cheaper to combine arithmetically). */
    static Tensor turningMask(Tensor invMass, Tensor pLeft, Tensor pRight, Tensor rho) {
        Tensor r = rho.sub(pLeft.add(pRight).mul(0.5));
        Tensor left = velocity(invMass, pLeft).mul(r).sum(false, -1).le(0.0).castTo(rho.dtype());
        Tensor right = velocity(invMass, pRight).mul(r).sum(false, -1).le(0.0).castTo(rho.dtype());
        return left.maximum(right);
    }
}
