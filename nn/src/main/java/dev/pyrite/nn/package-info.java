/**
 * Neural networks inside Pyrite models, as Pyro's {@code PyroModule} and NumPyro's {@code flax_module} /
 * {@code random_flax_module} put them there.
 *
 * <p>A network is a {@link dev.pyrite.nn.Layer} ({@link dev.pyrite.nn.Dense}, {@link dev.pyrite.nn.Sequential});
 * {@link dev.pyrite.nn.WeightSites} decides whether its weights are {@code param} sites (SVI), latent
 * sites with priors (a Bayesian network for NUTS or an autoguide) or constants. The forward pass is made
 * of Pyrite's traced tensor ops, so gradients come from the same autodiff as the rest of the model, and
 * C chains or particles are C copies of the weights in one batched product ({@link dev.pyrite.nn.Linear}).
 *
 * <pre>{@code
 * Sequential net = Sequential.mlp("net", new long[]{30, 50, 1}, Activation.TANH, Activation.IDENTITY, RandomStream.of(0));
 * Runnable bnn = () -> {
 *     Tensor f = net.forward(x, WeightSites.normalPrior(1.0)).squeeze(-1);
 *     try (Plate data = Pyrite.plate("data", x.size(0))) {
 *         Pyrite.sample("y", Normal.of(f, Tensor.scalar(0.1)), y);
 *     }
 * };
 * ModelPotential u = ModelPotential.of(bnn);
 * Posterior post = Posterior.of(u, MCMC.nuts(u).chains(64).run());
 * Map<String, INDArray> draws = ...;                       // post.site(name) for every weight
 * PredictiveGraph.of(net, draws).write(Path.of("bnn.fb")); // plain SameDiff, no Pyrite needed to run it
 * }</pre>
 *
 * <p>{@link dev.pyrite.nn.Dl4jImport} turns a trained DL4J {@code MultiLayerNetwork} into a
 * {@code Sequential} with the same outputs; this is the only module that depends on DL4J.
 */
package dev.pyrite.nn;
