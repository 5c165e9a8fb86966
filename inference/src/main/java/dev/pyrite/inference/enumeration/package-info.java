/**
 * Parallel enumeration of discrete latent variables: exact marginal likelihoods, marginals, MAP
 * assignments and posterior draws, by tensor variable elimination on plated factor graphs (Obermeyer,
 * Bingham, Jankowiak, Chen, Pradhan and Goodman 2019, "Tensor Variable Elimination for Plated Factor
 * Graphs", ICML).
 *
 * <p>A model runs once under {@code Handlers.enumerate}: every finite latent site takes all its values
 * at once along its own dimension left of the plates, so the trace's log densities are factors of a
 * plated factor graph ({@link dev.pyrite.inference.enumeration.TraceFactorGraph}). The algebra and the
 * algorithm are separate:
 * <ul>
 *   <li>{@link dev.pyrite.inference.enumeration.Semiring} with
 *       {@link dev.pyrite.inference.enumeration.LogSumExpSemiring} (marginal likelihood),
 *       {@link dev.pyrite.inference.enumeration.MaxSemiring} (Viterbi / MAP) and
 *       {@link dev.pyrite.inference.enumeration.SampleSemiring} (forward-filter backward-sample);</li>
 *   <li>{@link dev.pyrite.inference.enumeration.PlatedSumProduct}, the elimination respecting plates,
 *       with a parallel scan for vectorised Markov chains and
 *       {@link dev.pyrite.inference.enumeration.Backtrace} for the backward pass;</li>
 *   <li>{@link dev.pyrite.inference.enumeration.NaiveSumProduct}, the slow reference that unrolls every
 *       plate and materialises the full joint, which the tests compare the fast algorithm against.</li>
 * </ul>
 * Uses: {@link dev.pyrite.inference.enumeration.TraceEnum} (differentiable log marginal likelihood),
 * {@link dev.pyrite.inference.ModelPotential} (NUTS and HMC marginalise finite discrete sites
 * automatically), {@link dev.pyrite.inference.enumeration.InferDiscrete} (MAP or posterior draws of the
 * discrete sites given the continuous ones) and
 * {@link dev.pyrite.inference.enumeration.DiscreteMarginals} (exact marginals).
 *
 * <p>A Gaussian mixture whose assignments NUTS never sees:
 * <pre>{@code
 * Runnable gmm = () -> {
 *     Tensor theta = Pyrite.sample("theta", Dirichlet.of(Tensor.ones(3)));
  *     Tensor mu = Pyrite.sample("mu", Normal.of(0, 10).expand(3).toEvent(1));   // order them in practice
 *     Tensor sigma = Pyrite.sample("sigma", LogNormal.of(0, 1));
 *     try (Plate data = Pyrite.plate("data", y.size(0))) {
 *         Tensor z = Pyrite.sample("z", Categorical.ofProbs(theta));          // enumerated, not sampled
 *         Pyrite.sample("y", Normal.of(Vindex.entries(mu, z), sigma), y);
 *     }
 * };
 * ModelPotential u = ModelPotential.of(gmm);                                  // z summed out
 * Posterior post = Posterior.of(u, MCMC.nuts(u).chains(4).run());
 * Map<String, Tensor> z = InferDiscrete.infer(gmm, Map.of("theta", theta, "mu", mu, "sigma", sigma), 0);
 * }</pre>
 *
 * <p>A hidden Markov model over 10,000 steps, contracted in log2 T rounds (no loop over time):
 * <pre>{@code
 * try (Plate time = Pyrite.plate("time", 10_000)) {
 *     Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofLogits(Tensor.zeros(4)),
 *             prev -> Categorical.ofLogits(Vindex.rows(transitionLogits, prev)));
 *     Pyrite.sample("y", Categorical.ofLogits(Vindex.rows(emissionLogits, x)), observations);
 * }
 * }</pre>
 * Chains written as loops use {@code Pyrite.markov()}, which recycles enumeration dimensions so that
 * T steps need two of them (libnd4j arrays have at most 32).
 */
package dev.pyrite.inference.enumeration;
