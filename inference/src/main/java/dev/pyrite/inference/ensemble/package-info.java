/**
 * Samplers made for many chains, where every chain takes the same number of leapfrogs so that none waits
 * for another: {@link dev.pyrite.inference.ensemble.ChEES} (ChEES-HMC, Hoffman, Radul and Sountsov 2021)
 * and {@link dev.pyrite.inference.ensemble.MEADS} (Hoffman and Sountsov 2022). Each leapfrog is one
 * batched call of U and dU/dq for all chains; the adaptation reads statistics across chains. Both return
 * {@link dev.pyrite.inference.mcmc.McmcSamples}, as NUTS does, so the summary and writers need no change.
 *
 * <pre>{@code
 * McmcSamples chees = ChEES.of(potential).chains(512).warmup(300).samples(100).seed(1).run();
 * McmcSamples meads = MEADS.of(potential).chains(512).warmup(1000).samples(1000).seed(1).run();
 *
 * EnsembleSampler sampler = ChEES.of(potential).chains(512).seed(1).sampler();
 * sampler.init();
 * while (sampler.step()) {
 *     // write sampler's state (it is Checkpointable) whenever wanted
 * }
 * McmcSamples s = sampler.samples();
 * }</pre>
 */
package dev.pyrite.inference.ensemble;
