package dev.pyrite.inference.gibbs;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The draws of a {@link DiscreteHMCGibbs} run: the continuous sites on the unconstrained space of
 * {@link ModelPotential#of} (the model's potential with its discrete sites left out), with the HMC
 * statistics per draw, and the discrete sites' values per draw, {@code [chains, draws, ...site shape]}.
 *
 * @param continuous the draws of {@code continuousPotential}'s coordinates
 * @param discrete   the values of each discrete site, in the model's site order
 * @param continuousPotential the potential whose coordinates {@code continuous} holds
 */
public record GibbsSamples(McmcSamples continuous, Map<String, INDArray> discrete,
                           ModelPotential continuousPotential) {

    public GibbsSamples {
        discrete = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(discrete));
    }

    /** Every site constrained: the continuous ones, then the discrete ones. */
    public Posterior posterior() {
        return Posterior.of(continuousPotential, continuous).withDiscreteSites(discrete);
    }
}
