package dev.pyrite.inference.mcmc;

/**
 * Hamiltonian Monte Carlo with a fixed trajectory length (Neal 2011) as a per-chain program of one
 * leapfrog per slot: ceil(length / step size) steps (at most {@link #MAX_STEPS}), then a Metropolis
 * correction. A step that leaves the region where the potential is finite ends the trajectory as a
 * rejected, divergent transition.
 */
final class HmcTransition implements Transition<HmcState> {
    static final int MAX_STEPS = 1024;
    private final double trajectoryLength;

    HmcTransition(double trajectoryLength) {
        if (!(trajectoryLength > 0)) {
            throw new IllegalArgumentException("HMC: trajectoryLength must be > 0, got " + trajectoryLength);
        }
        this.trajectoryLength = trajectoryLength;
    }

    @Override
    public HmcState newState(int dimension) {
        return new HmcState(dimension);
    }

    @Override
    public void begin(Chain<HmcState> chain) {
        HmcState h = chain.transition;
        h.point.copyPositionFrom(chain.position);
        chain.metric().sampleMomentum(chain.cursor.stream, h.point.p);
        h.initialEnergy = h.point.hamiltonian(chain.metric());
        h.stepSize = chain.adaptation.stepSize;
        h.steps = (int) Math.min(MAX_STEPS, Math.max(1, Math.ceil(trajectoryLength / h.stepSize)));
        h.taken = 0;
        h.diverged = false;
    }

    @Override
    public boolean afterLeapfrog(Chain<HmcState> chain, boolean finite) {
        HmcState h = chain.transition;
        h.taken++;
        h.diverged = !finite;
        return !finite || h.taken == h.steps;
    }

    @Override
    public TransitionStats finish(Chain<HmcState> chain) {
        HmcState h = chain.transition;
        double energy = h.diverged ? Double.NaN : h.point.hamiltonian(chain.metric());
        double dh = h.initialEnergy - energy;
        boolean finite = Double.isFinite(dh);
        double acceptProb = finite ? Math.exp(Math.min(dh, 0.0)) : 0.0;
        boolean accepted = chain.cursor.stream.uniformDouble() < acceptProb;
        if (accepted) {
            chain.position.copyPositionFrom(h.point);
        }
        boolean divergent = !finite || dh < -NutsTransition.MAX_ENERGY_ERROR;
        return new TransitionStats(acceptProb, 0, h.taken, divergent, accepted ? energy : h.initialEnergy);
    }
}
