package dev.pyrite.inference.mcmc;

/**
 * A Hamiltonian transition (NUTS or HMC) written as a per-chain program that takes one leapfrog step per
 * call of {@link #afterLeapfrog}. Implementations hold only settings; all per-chain state is in
 * {@code S}, so a chain can be snapshot between any two slots.
 *
 * @param <S> the per-chain state of one transition
 */
interface Transition<S extends TrajectoryState> {
    /** A fresh state for chains of D coordinates. */
    S newState(int dimension);

    /** Starts a transition from the chain's position (draws its momentum), ready for the first leapfrog. */
    void begin(Chain<S> chain);

    /**
     * Does the bookkeeping after the chain's leapfrog step of this slot.
     *
     * @param finite whether the new point's U, dU/dq and q are finite
     * @return true when the transition is finished
     */
    boolean afterLeapfrog(Chain<S> chain, boolean finite);

    /** Moves the chain to the transition's chosen point and reports its statistics. */
    TransitionStats finish(Chain<S> chain);
}
