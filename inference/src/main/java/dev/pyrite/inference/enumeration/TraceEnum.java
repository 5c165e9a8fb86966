package dev.pyrite.inference.enumeration;

import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.InferConfigHandler;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;

/**
 * The log marginal likelihood of a model whose discrete latent sites are summed out exactly (Pyro's
 * {@code TraceEnum_ELBO} for the model side): the model runs once under parallel enumeration, every
 * finite latent site taking all its values along its own dimension, and the plated sum-product
 * contracts the trace's factors in the log-sum-exp semiring. Everything is tensor arithmetic, so inside
 * a {@link dev.pyrite.tensor.CompiledFunction} the result is differentiable in the continuous
 * parameters the model reads.
 *
 * <pre>{@code
 * CompiledFunction f = CompiledFunction.withGradients(in -> new Tensor[]{
 *         TraceEnum.logMarginal(() -> hmm(in[0], in[1], observations), 2)}, 0, 1);
 * INDArray[] out = f.call(transitionLogits, emissionLogits);   // log p(y), d/d logits
 * }</pre>
 *
 * <p>Continuous latent sites must have values (condition or substitute them); sites with a finite
 * support are enumerated whether or not they ask for it.
 */
public final class TraceEnum {
    private TraceEnum() {
    }

    /** log p(observed sites) with every discrete latent site summed out; plate nesting found by a trial run. */
    public static Tensor logMarginal(Runnable model) {
        return logMarginal(model, plateNesting(model));
    }

    /** log p(observed sites) for a model whose plates use the rightmost {@code plateNesting} dimensions. */
    public static Tensor logMarginal(Runnable model, int plateNesting) {
        return PlatedSumProduct.contract(enumerate(model, plateNesting, List.of()).graph(), LogSumExpSemiring.INSTANCE)
                .data();
    }

    /**
     * Runs {@code model} once under parallel enumeration (enumeration dimensions left of
     * {@code plateNesting} plate dimensions) and returns its factor graph; plates named in
     * {@code batchPlates} become batch names.
     */
    public static TraceFactorGraph enumerate(Runnable model, int plateNesting, List<String> batchPlates) {
        if (plateNesting < 0) {
            throw new IllegalArgumentException("TraceEnum: plateNesting must be >= 0, got " + plateNesting);
        }
        int first = -(plateNesting + 1);
        Trace trace;
        try (EnumHandler en = Handlers.enumerate(first).enter(); InferConfigHandler cfg = ConfigEnumerate.parallel().enter()) {
            trace = Handlers.trace().getTrace(model);
        }
        return TraceFactorGraph.of(trace, first, batchPlates);
    }

    /** The number of plate dimensions a model uses, from one run with random values (seed 0). */
    public static int plateNesting(Runnable model) {
        Trace trace;
        try (var seed = Handlers.seed(RandomStream.of(0)).enter()) {
            trace = Handlers.trace().getTrace(model);
        }
        int nesting = 0;
        for (Message m : trace.sites()) {
            for (PlateFrame f : m.frames) {
                nesting = Math.max(nesting, -f.dim());
            }
        }
        return nesting;
    }
}
