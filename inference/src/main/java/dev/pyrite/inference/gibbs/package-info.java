/**
 * Gibbs updates for finite discrete latent sites, interleaved with HMC on the continuous ones
 * (NumPyro's {@code DiscreteHMCGibbs}): for models whose discrete sites are too many, or too entangled,
 * to sum out by enumeration.
 *
 * <pre>{@code
 * GibbsSamples s = DiscreteHMCGibbs.of(model).chains(4).warmup(500).samples(1000).seed(1).run();
 * Posterior p = s.posterior();     // continuous sites, then the discrete ones
 * }</pre>
 */
package dev.pyrite.inference.gibbs;
