/**
 * Pyrite's Poutine: the primitives a model calls, the thread-local handler stack and every effect handler.
 *
 * <p>A model is ordinary Java code that calls the primitives of {@link dev.pyrite.handlers.Pyrite}
 * ({@code sample}, {@code param}, {@code plate}, {@code factor}, {@code deterministic}, {@code markov}).
 * Each primitive sends a {@link dev.pyrite.handlers.Message} through the thread's
 * {@link dev.pyrite.handlers.HandlerStack}; the handlers on it decide what the effect means. Handlers
 * are small classes (one per file) made by {@link dev.pyrite.handlers.Handlers}, entered with
 * try-with-resources or wrapped around a model:
 *
 * <pre>{@code
 * import static dev.pyrite.handlers.Pyrite.*;
 *
 * Runnable scale = () -> {
 *     Tensor weight = sample("weight", Normal.of(8.5, 1.0));
 *     sample("measurement", Normal.of(weight, Tensor.scalar(0.75)));
 * };
 * Map<String, Tensor> data = Map.of("weight", Tensor.scalar(8.23), "measurement", Tensor.scalar(9.5));
 * Trace tr = Handlers.trace().getTrace(Handlers.condition(data).wrap(scale));
 * double logJoint = tr.logProbSum().item();                        // -3.0203
 *
 * // Simulate: latent sites need a seed (there is no global random generator).
 * Trace draw = Handlers.trace().getTrace(Handlers.seed(0).wrap(scale));
 *
 * // An ELBO term: run the guide, score the model at the guide's draws.
 * Trace g = Handlers.trace().getTrace(Handlers.seed(1).wrap(guide));
 * Trace m = Handlers.trace().getTrace(Handlers.replay(g).wrap(model));
 * Tensor elbo = m.logProbSum().sub(g.logProbSum());
 * }</pre>
 *
 * <p>Plates broadcast the sites inside them to their batch dimension (counted from the right) and,
 * when subsampled, scale their log densities; {@link dev.pyrite.handlers.EnumHandler} puts the values
 * of discrete sites in dimensions to the left of every plate and {@link dev.pyrite.handlers.Markov}
 * lets it reuse them along chains; {@link dev.pyrite.handlers.QueueHandler} enumerates sequentially.
 * Log densities are tensors, so a model run on traced tensors gives a differentiable log joint.
 * Parameters live unconstrained in the {@link dev.pyrite.handlers.ParamStore#current() current}
 * {@link dev.pyrite.handlers.ParamStore} (the innermost {@code ParamStore.scope} on the thread, else the
 * global store), mapped through {@link dev.pyrite.handlers.ParamTransforms}.
 */
package dev.pyrite.handlers;
