/**
 * Distribution families on batched tensors, their supports as {@link dev.pyrite.distributions.Constraint}s
 * and bijective {@link dev.pyrite.distributions.Transform}s, with the shape semantics of
 * torch.distributions and NumPyro: a value has shape {@code sampleShape + batchShape + eventShape},
 * {@code logProb} sums over the event dimensions only and broadcasts over the rest, parameters broadcast
 * against each other, and everything works on concrete and traced tensors alike (log densities of traced
 * values or parameters are differentiable).
 *
 * <pre>{@code
 * RandomStream rng = RandomStream.of(42);
 * Normal prior = Normal.of(Tensor.zeros(3), Tensor.ones(3));       // batch [3]
 * Tensor x = prior.sample(rng, 100);                                // [100, 3]
 * Tensor lp = prior.toEvent(1).logProb(x);                          // [100]: one vector of 3 per draw
 *
 * Distribution mvn = MultivariateNormal.ofCovariance(Tensor.zeros(2),
 *         Tensor.of(new double[][]{{1.0, 0.5}, {0.5, 2.0}}));        // event [2]
 * Transform toPositive = Transforms.bijectTo(Gamma.of(2.0, 1.0).support());   // ExpTransform
 * Tensor values = Bernoulli.ofProbs(Tensor.of(0.2, 0.9)).enumerateSupport(false);  // [2, 1]: 0 and 1
 * }</pre>
 *
 * <p>Families: Normal, LogNormal, HalfNormal, Cauchy, HalfCauchy, StudentT, Laplace, Logistic, Gumbel,
 * Uniform, Exponential, Gamma, InverseGamma, Chi2, Beta, Weibull, Pareto, VonMises, Delta,
 * TruncatedNormal, MultivariateNormal, LowRankMultivariateNormal, Dirichlet, LKJCholesky; Bernoulli,
 * Categorical, OneHotCategorical, Binomial, Multinomial, Poisson, Geometric, NegativeBinomial,
 * BetaBinomial, DiscreteUniform, ZeroInflatedPoisson; TransformedDistribution, MixtureSameFamily,
 * Mixture, Independent and Masked.
 *
 * <p>Arguments are validated by default ({@link dev.pyrite.distributions.Validation}): an invalid
 * parameter or a value outside the support raises an {@code IllegalArgumentException} naming the family,
 * the parameter, the condition and the value, e.g. {@code Normal: parameter scale must be > 0, got -1.0}.
 * Draws come from an explicit {@link dev.pyrite.tensor.RandomStream}; {@code sample} needs concrete
 * parameters, {@code rsample} (where {@code hasRsample()}) is differentiable in traced ones.
 */
package dev.pyrite.distributions;
