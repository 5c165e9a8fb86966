/**
 * Runs in other processes (SPAWN): a {@link dev.pyrite.inference.spawn.ChainGroupFragment} runs a group of
 * MCMC chains in a child JVM, named by a {@link dev.pyrite.inference.spawn.PotentialFactory} class, and
 * reads their draws and final adaptation back bit for bit; the first step toward chains across machines.
 */
package dev.pyrite.inference.spawn;
