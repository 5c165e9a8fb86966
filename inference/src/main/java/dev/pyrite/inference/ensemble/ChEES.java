package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.Potential;

/**
 * ChEES-HMC (Hoffman, Radul and Sountsov, AISTATS 2021) for many chains at once: HMC whose trajectory
 * length is adapted across chains by the ChEES criterion and jittered by a Halton sequence, with a shared
 * step size (dual averaging on the harmonic-mean acceptance) and diagonal mass (cross-chain variance).
 * Every chain takes the same number of leapfrogs, so none waits for another. Chain i draws from split i of
 * the seed's stream, as {@link MCMC#chainStreams} gives.
 *
 * <pre>{@code
 * McmcSamples s = ChEES.of(potential).chains(512).warmup(500).samples(200).seed(1).run();
 * }</pre>
 */
public final class ChEES extends EnsembleBuilder<ChEES> {
    private double targetAccept = 0.651;
    private double learningRate = 0.025;
    private int maxLeapfrogs = 1000;

    private ChEES(Potential potential) {
        super(potential, 500);
    }

    /** ChEES-HMC on a potential over {@code potential.dimension()} unconstrained coordinates. */
    public static ChEES of(Potential potential) {
        return new ChEES(potential);
    }

    @Override
    ChEES self() {
        return this;
    }

    @Override
    String algorithm() {
        return "chees";
    }

    @Override
    int minChains() {
        return 2;
    }

    @Override
    String minChainsReason() {
        return "it adapts across chains";
    }

    /** The harmonic-mean acceptance probability the step size is tuned to (default 0.651, the paper's). */
    public ChEES targetAccept(double a) {
        if (!(a > 0 && a < 1)) {
            throw new IllegalArgumentException("ChEES: targetAccept must be in (0, 1), got " + a);
        }
        this.targetAccept = a;
        return this;
    }

    /**
     * The smallest learning rate of Adam on the log trajectory length (default 0.025, the paper's rate).
     * Early in warm-up the rate is raised, up to 0.15, while the ChEES gradient keeps its sign, so T grows
     * from its start (one step) within a few dozen iterations; near the optimum it falls back to this one.
     */
    public ChEES learningRate(double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("ChEES: learningRate must be > 0, got " + rate);
        }
        this.learningRate = rate;
        return this;
    }

    /** The most leapfrogs one iteration may take (default 1000). */
    public ChEES maxLeapfrogs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ChEES: maxLeapfrogs must be >= 1, got " + n);
        }
        this.maxLeapfrogs = n;
        return this;
    }

    @Override
    EnsembleSampler sampler(EnsembleSettings settings) {
        return new CheesSampler(potential, settings, MCMC.chainStreams(seed, chains), targetAccept, learningRate,
                maxLeapfrogs);
    }

    @Override
    EnsembleRunSettings runSettings(double[][] starts, Double rhat, Double ess) {
        return new EnsembleRunSettings(algorithm(), chains, warmup, samples, seed, targetAccept, learningRate,
                maxLeapfrogs, starts, dtype.name(), executor.name(), rhat, ess, targets().superchains(),
                roundIterationCount());
    }
}
