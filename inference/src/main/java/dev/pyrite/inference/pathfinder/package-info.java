/**
 * Pathfinder (Zhang, Carpenter, Gelman &amp; Vehtari 2022): normal approximations along L-BFGS paths, the
 * one of largest ELBO kept per path, and importance resampling over the paths. Also a cheap initialiser
 * for MCMC ({@link dev.pyrite.inference.pathfinder.Pathfinder#initialPositions(int)}).
 *
 * <pre>{@code
 * PathfinderResult r = Pathfinder.of(ModelPotential.of(model)).paths(4).draws(1000).seed(0).run();
 * double elbo = r.elbo();
 * McmcSamples draws = r.samples();
 * }</pre>
 */
package dev.pyrite.inference.pathfinder;
