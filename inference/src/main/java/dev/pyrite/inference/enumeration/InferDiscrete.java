package dev.pyrite.inference.enumeration;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of a model's discrete latent sites given its continuous ones (Pyro's {@code infer_discrete}):
 * the model runs once under parallel enumeration with the continuous latent sites fixed, the plated
 * sum-product runs in the max semiring (temperature 0: the jointly most probable assignment, i.e. the
 * Viterbi path of a chain) or the sampling semiring (temperature 1: an exact draw from the joint
 * posterior, forward-filter backward-sample), and the backward pass reads off every site's value.
 *
 * <pre>{@code
 * Map<String, Tensor> z = InferDiscrete.infer(model, Map.of("mu", mu, "sigma", sigma), 0);   // MAP
 * Map<String, Tensor> draw = InferDiscrete.infer(model, values, 1, RandomStream.of(7));      // a sample
 * }</pre>
 *
 * <p>Each value has its site's batch shape (its plates, right-aligned as in the model), e.g. {@code [N]}
 * for a site in one plate of size N. Feed each posterior draw of the continuous sites to obtain joint
 * posterior draws of the discrete ones.
 */
public final class InferDiscrete {
    private InferDiscrete() {
    }

    /** MAP (temperature 0) or one posterior draw (temperature 1, from a stream of seed 0) of every discrete site. */
    public static Map<String, Tensor> infer(Runnable model, Map<String, Tensor> continuousValues, double temperature) {
        return infer(model, continuousValues, temperature, RandomStream.of(0));
    }

    /** MAP (temperature 0) or one posterior draw (temperature 1, from {@code stream}) of every discrete site. */
    public static Map<String, Tensor> infer(Runnable model, Map<String, Tensor> continuousValues, double temperature,
                                           RandomStream stream) {
        Runnable fixed = Handlers.substitute(continuousValues).wrap(model);
        return infer(fixed, temperature, stream, TraceEnum.plateNesting(fixed));
    }

    /**
     * MAP or posterior draw of every discrete latent site of {@code model}, whose continuous latent sites
     * already have values (e.g. it is wrapped in {@code Handlers.substitute}) and whose plates use the
     * rightmost {@code plateNesting} dimensions.
     */
    public static Map<String, Tensor> infer(Runnable model, double temperature, RandomStream stream, int plateNesting) {
        Semiring ring;
        if (temperature == 0) {
            ring = MaxSemiring.INSTANCE;
        } else if (temperature == 1) {
            ring = SampleSemiring.of(stream);
        } else {
            throw new IllegalArgumentException("InferDiscrete: temperature must be 0 (MAP) or 1 (posterior draw), got "
                    + temperature);
        }
        TraceFactorGraph g = TraceEnum.enumerate(model, plateNesting, List.of());
        Map<String, Factor> chosen = PlatedSumProduct.contractWithBacktrace(g.graph(), ring).backtrace().values(ring);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Message> e : g.enumerated().entrySet()) {
            Message site = e.getValue();
            if (TraceFactorGraph.isPreviousState(site)) {
                continue;
            }
            Factor index = chosen.get(e.getKey());
            Tensor laid = index.alignTo(TraceFactorGraph.layout(site)).broadcastTo(TraceFactorGraph.layoutShape(site));
            out.put(e.getKey(), g.supportValues(e.getKey(), laid));
        }
        return out;
    }
}
