/**
 * Discontinuous Hamiltonian Monte Carlo (Nishimura, Dunson and Lu, Biometrika 2020), pyfo's sampler,
 * for models with discrete latents of any support and densities with jumps.
 *
 * <pre>{@code
 * ModelPotential u = ModelPotential.embedding(() -> {
 *     Tensor k = Pyrite.sample("k", Poisson.of(3.0));                 // embedded: [k, k+1) stands for k
 *     Pyrite.sample("y", Normal.of(k, Tensor.scalar(1.0)), Tensor.of(4.2, 5.1, 3.7));
 * });
 * McmcSamples s = DHMC.of(u).chains(16).warmup(300).samples(500).seed(1).run();
 * Map<String, double[][]> k = Posterior.of(u, s).draws();             // integer draws of k
 * }</pre>
 *
 * <p>{@link dev.pyrite.inference.dhmc.DHMC} is the builder; {@link dev.pyrite.inference.dhmc.DhmcDriver}
 * runs the chains in lock step, one batched call per potential evaluation; the state classes
 * ({@code ChainPositions}, {@code Trajectories}, {@code Adaptation}, and mcmc's {@code DrawTable}) hold every
 * chain's state as arrays and are checkpointable.
 */
package dev.pyrite.inference.dhmc;
