package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.RandomStream;
import java.util.List;

/**
 * MEADS (Hoffman and Sountsov, AISTATS 2022) for many chains at once: generalised HMC with one leapfrog
 * per iteration and persistent momentum, whose step size, diagonal scale and damping come from the other
 * chains' positions and gradients over {@value MeadsAdaptation#FOLDS} folds, with nothing to tune. Every
 * iteration is one batched gradient call; draws are recorded every iteration after warm-up, so a run
 * wants more (and cheaper) iterations than NUTS or ChEES. Chain i draws from split i of the seed's
 * stream; the fold shuffles from split C.
 *
 * <pre>{@code
 * McmcSamples s = MEADS.of(potential).chains(512).warmup(1000).samples(1000).seed(1).run();
 * }</pre>
 */
public final class MEADS extends EnsembleBuilder<MEADS> {
    private MEADS(Potential potential) {
        super(potential, 1000);
    }

    /** MEADS on a potential over {@code potential.dimension()} unconstrained coordinates. */
    public static MEADS of(Potential potential) {
        return new MEADS(potential);
    }

    @Override
    MEADS self() {
        return this;
    }

    @Override
    String algorithm() {
        return "meads";
    }

    @Override
    int minChains() {
        return 2 * MeadsAdaptation.FOLDS;
    }

    @Override
    String minChainsReason() {
        return MeadsAdaptation.FOLDS + " folds of at least 2 chains";
    }

    @Override
    EnsembleSampler sampler(EnsembleSettings settings) {
        RandomStream root = RandomStream.of(seed);
        List<RandomStream> perChain = root.split(chains);   // the same as MCMC.chainStreams(seed, chains)
        return new MeadsSampler(potential, settings, perChain, root.split());
    }

    @Override
    EnsembleRunSettings runSettings(double[][] starts, Double rhat, Double ess) {
        return new EnsembleRunSettings(algorithm(), chains, warmup, samples, seed, null, null, null, starts,
                dtype.name(), executor.name(), rhat, ess, targets().superchains(), roundIterationCount());
    }
}
