package dev.pyrite.inference.enumeration;

import dev.pyrite.handlers.Message;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact posterior marginals of the discrete sites of a model, by parallel enumeration: the marginal of
 * a site is the gradient of the log partition function with respect to a zero log-potential added on
 * that site ({@code d log Z / d phi[k] = P(site = k)}), which one compiled contraction with reverse-mode
 * differentiation gives for every site at once: the plated generalisation of forward-backward
 * (Obermeyer et al. 2019 compute marginals by the same identity). Observed sites condition the result.
 *
 * <pre>{@code
 * Map<String, DiscreteMarginals.Marginal> m = DiscreteMarginals.of(model);
 * double pRain = m.get("rain").probs().toDoubleArray()[1];
 * }</pre>
 */
public final class DiscreteMarginals {
    private DiscreteMarginals() {
    }

    /**
     * The marginal of one site: {@code values [K]} its support, {@code probs} its probabilities with shape
     * {@code site batch shape + [K]} (one distribution per plate index).
     */
    public record Marginal(Tensor values, Tensor probs) {
    }

    /** The marginal of every enumerated discrete site; plate nesting found by a trial run. */
    public static Map<String, Marginal> of(Runnable model) {
        return of(model, TraceEnum.plateNesting(model));
    }

    /** The marginal of one site. */
    public static Marginal of(Runnable model, String site) {
        Marginal m = of(model).get(site);
        if (m == null) {
            throw new IllegalArgumentException("'" + site + "' is not a discrete latent site of the model");
        }
        return m;
    }

    /** The marginal of every enumerated discrete site of a model whose plates use {@code plateNesting} dims. */
    public static Map<String, Marginal> of(Runnable model, int plateNesting) {
        TraceFactorGraph g = TraceEnum.enumerate(model, plateNesting, List.of());
        FactorGraph graph = g.graph();
        Map<String, Set<String>> ordinals = graph.variableOrdinals();
        List<String> sites = new ArrayList<>();
        List<List<String>> tagNames = new ArrayList<>();
        List<INDArray> zeros = new ArrayList<>();
        for (Map.Entry<String, Message> e : g.enumerated().entrySet()) {
            if (TraceFactorGraph.isPreviousState(e.getValue())) {
                continue;
            }
            String v = e.getKey();
            List<String> names = new ArrayList<>();
            names.add(v);
            long[] shape = new long[1 + ordinals.get(v).size()];
            shape[0] = graph.domainSize(v);
            int i = 1;
            for (String p : ordinals.get(v)) {
                names.add(p);
                shape[i++] = graph.plates().get(p);
            }
            sites.add(v);
            tagNames.add(names);
            zeros.add(Nd4j.zeros(dev.pyrite.tensor.Backend.floatType(), shape));
        }
        if (sites.isEmpty()) {
            return Map.of();
        }
        int[] wrt = new int[sites.size()];
        for (int i = 0; i < wrt.length; i++) {
            wrt[i] = i;
        }
        CompiledFunction f = CompiledFunction.withGradients(in -> {
            List<Factor> factors = new ArrayList<>(graph.factors());
            for (int i = 0; i < in.length; i++) {
                factors.add(Factor.of(in[i], tagNames.get(i)));
            }
            FactorGraph tagged = new FactorGraph(factors, graph.plates(), graph.batch(), graph.chains());
            return new Tensor[]{PlatedSumProduct.contract(tagged, LogSumExpSemiring.INSTANCE).data().sum()};
        }, wrt);
        INDArray[] out = f.call(zeros.toArray(new INDArray[0]));
        Map<String, Marginal> result = new LinkedHashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            String v = sites.get(i);
            Message site = g.enumerated().get(v);
            Factor grad = Factor.of(Tensor.of(out[1 + i].dup()), tagNames.get(i));
            List<String> layout = new ArrayList<>(TraceFactorGraph.layout(site));
            layout.add(v);
            long[] shape = java.util.Arrays.copyOf(TraceFactorGraph.layoutShape(site), layout.size());
            shape[layout.size() - 1] = graph.domainSize(v);
            Tensor probs = grad.alignTo(layout).broadcastTo(shape);
            Tensor values = site.tensorValue().reshape(-1);
            result.put(v, new Marginal(values, probs));
        }
        return result;
    }
}
