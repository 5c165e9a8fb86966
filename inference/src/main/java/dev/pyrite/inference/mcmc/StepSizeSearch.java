package dev.pyrite.inference.mcmc;

/**
 * Stan's heuristic for a first step size, as a per-chain program of one leapfrog per slot: from a fresh
 * momentum take one leapfrog step and double (or halve) the step size until the acceptance probability
 * of that step crosses 0.8; at most {@link #MAX_ROUNDS} rounds, and never beyond [1e-7, 1e7].
 */
final class StepSizeSearch {
    static final int MAX_ROUNDS = 100;
    private static final double LOG_TARGET = Math.log(0.8);

    private StepSizeSearch() {
    }

    /** Starts a search from {@code start} at the chain's position. */
    static void begin(Chain<?> chain, double start) {
        StepSizeSearchState s = chain.search;
        s.stepSize = start;
        s.direction = 0;
        s.round = 0;
        beginRound(chain);
    }

    private static void beginRound(Chain<?> chain) {
        StepSizeSearchState s = chain.search;
        s.trial.copyPositionFrom(chain.position);
        chain.metric().sampleMomentum(chain.cursor.stream, s.trial.p);
        s.initialEnergy = s.trial.hamiltonian(chain.metric());
    }

    /**
     * Judges this round's leapfrog and starts the next round, or ends the search.
     *
     * @return true when the search is over; the step size found is {@code chain.search.stepSize}
     */
    static boolean afterLeapfrog(Chain<?> chain, boolean finite) {
        StepSizeSearchState s = chain.search;
        double delta = finite ? s.initialEnergy - s.trial.hamiltonian(chain.metric()) : Double.NEGATIVE_INFINITY;
        if (Double.isNaN(delta)) {
            delta = Double.NEGATIVE_INFINITY;
        }
        if (s.round == 0) {
            s.direction = delta > LOG_TARGET ? 1 : -1;
        }
        boolean crossed = s.direction == 1 ? !(delta > LOG_TARGET) : !(delta < LOG_TARGET);
        if (crossed || s.stepSize > 1e7 || s.stepSize < 1e-7) {
            return true;
        }
        s.stepSize = s.direction == 1 ? 2 * s.stepSize : s.stepSize / 2;
        s.round++;
        if (s.round == MAX_ROUNDS) {
            return true;
        }
        beginRound(chain);
        return false;
    }
}
