/**
 * Stochastic variational inference: {@link dev.pyrite.inference.svi.SVI} with ELBO estimators
 * ({@link dev.pyrite.inference.svi.TraceELBO}, {@link dev.pyrite.inference.svi.TraceMeanFieldELBO}),
 * optimisers over the parameter store ({@link dev.pyrite.inference.svi.Sgd},
 * {@link dev.pyrite.inference.svi.Adam}, {@link dev.pyrite.inference.svi.ClippedAdam},
 * {@link dev.pyrite.inference.svi.AdaGrad}, {@link dev.pyrite.inference.svi.RmsProp}), autoguides,
 * {@link dev.pyrite.inference.svi.Predictive} and minibatches from DL4J iterators. A fit runs as a step
 * program, {@link dev.pyrite.inference.svi.SviRun}, checkpointed and resumed bit for bit and woven with other
 * runs; {@link dev.pyrite.inference.svi.GuidePositions} starts MCMC chains at a fitted guide's draws.
 *
 * <pre>{@code
 * SviModel model = args -> {
 *     Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
 *     try (Plate p = Pyrite.plate("data", args[0].size(0))) {
 *         Pyrite.sample("x", Normal.of(mu, Tensor.scalar(1)), args[0]);
 *     }
 * };
 * AutoNormal guide = AutoNormal.of(model);
 * SVI svi = new SVI(model, guide, Adam.of(0.05), TraceELBO.of(16)).seed(1);
 * svi.run(1000, x);
 * Tensor mu = guide.median().get("mu");
 * }</pre>
 */
package dev.pyrite.inference.svi;
