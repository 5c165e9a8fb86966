package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.ComponentName;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.enumeration.ConfigEnumerate;
import dev.pyrite.inference.enumeration.DiscreteMarginals;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link dev.pyrite.inference.Algorithm#ENUM} ({@code pyrite run --algo enum}): exact inference for a model whose latent sites are all discrete with
 * finite supports. Every site's posterior marginal comes from parallel enumeration and the plated
 * sum-product ({@link DiscreteMarginals}); a scalar program value's exact posterior mean and sd come
 * from the enumerated joint, when no enumerated site lies inside a plate (then the joint is one tensor
 * over the enumeration dimensions).
 */
final class ExactInference {
    private final List<ExactOutcome.Row> rows = new ArrayList<>();
    private final List<ExactOutcome.Probability> probabilities = new ArrayList<>();
    private String note;

    private ExactInference() {
    }

    static ExactOutcome run(FopplModel model, ModelInfo info, RunSettings settings) {
        long t0 = System.nanoTime();
        ExactInference result = new ExactInference();
        for (String site : model.latentSites()) {
            if (!isFiniteDiscrete(model, site)) {
                throw new FopplException(model.siteSpan(site), "site '" + site + "' is not discrete with a finite"
                        + " support: --algo enum needs every latent site enumerable (use --algo nuts)");
            }
        }
        Map<String, DiscreteMarginals.Marginal> marginals = DiscreteMarginals.of(model, model.plateNesting());
        for (String site : model.latentSites()) {
            DiscreteMarginals.Marginal m = marginals.get(site);
            double[] values = m.values().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleArray();
            int k = values.length;
            double[] p = m.probs().toDoubleArray();
            int batch = p.length / k;
            for (int b = 0; b < batch; b++) {
                String name = batch == 1 ? site : ComponentName.of(site, new long[]{batch}, b);
                double[] pb = java.util.Arrays.copyOfRange(p, b * k, (b + 1) * k);
                result.rows.add(row(name, values, pb));
                for (int j = 0; j < k; j++) {
                    result.probabilities.add(new ExactOutcome.Probability(name, values[j], pb[j]));
                }
            }
        }
        result.returnValue(model);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new ExactOutcome(info, settings, result.rows, result.probabilities, seconds, result.note);
    }

    private static boolean isFiniteDiscrete(FopplModel model, String site) {
        Trace t;
        try (var seed = Handlers.seed(0).enter()) {
            t = Handlers.trace().getTrace(model);
        }
        Message m = t.site(site);
        return m.distribution.isDiscrete() && m.distribution.hasEnumerateSupport();
    }

    /** Mean, sd and quantiles (smallest value whose CDF reaches q) of a finite distribution. */
    static ExactOutcome.Row row(String name, double[] values, double[] p) {
        double mean = 0;
        double second = 0;
        for (int j = 0; j < values.length; j++) {
            mean += values[j] * p[j];
            second += values[j] * values[j] * p[j];
        }
        return new ExactOutcome.Row(name, mean, Math.sqrt(Math.max(0, second - mean * mean)), quantile(values, p, 0.05),
                quantile(values, p, 0.5), quantile(values, p, 0.95));
    }

    private static double quantile(double[] values, double[] p, double q) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double cdf = 0;
        for (Integer i : order) {
            cdf += p[i];
            if (cdf >= q - 1e-12) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }

    /**
     * The exact posterior mean and sd of a scalar program value: the log joint of every site, summed
     * over plate dimensions, weights each joint assignment of the enumerated sites.
     */
    private void returnValue(FopplModel model) {
        int nesting = model.plateNesting();
        Trace trace;
        try (var en = Handlers.enumerate(-(nesting + 1)).enter(); var cfg = ConfigEnumerate.parallel().enter()) {
            trace = Handlers.trace().getTrace(model);
        }
        Message ret = trace.contains(FopplModel.RETURN) ? trace.site(FopplModel.RETURN) : null;
        if (ret == null || !(ret.value instanceof Tensor)) {
            note = "return: not a number";
            return;
        }
        boolean platedEnumerated = false;
        Tensor joint = null;
        for (Message m : trace.sites()) {
            if (m.hasLogProb() && !m.isSubsample()) {
                Tensor lp = m.scaledLogProb();
                for (int i = 0; i < nesting && lp.rank() > 0; i++) {
                    lp = lp.sum(true, -1 - i);
                }
                joint = joint == null ? lp : joint.add(lp);
            }
            if (m.infer.containsKey("_enumerate_dim") && !m.frames.isEmpty()) {
                platedEnumerated = true;
            }
        }
        Tensor value = ((Tensor) ret.value).castTo(joint.dtype());
        if (platedEnumerated || !dev.pyrite.tensor.Shapes.broadcastsTo(value.shape(), joint.shape())) {
            note = "return: its exact summary needs a scalar value and no enumerated site inside a plate";
            return;
        }
        long[] shape = joint.shape();
        Tensor logW = joint.broadcastTo(shape);
        double[] lw = logW.toDoubleArray();
        double[] v = value.broadcastTo(shape).toDoubleArray();
        double max = Double.NEGATIVE_INFINITY;
        for (double x : lw) {
            max = Math.max(max, x);
        }
        double z = 0;
        double mean = 0;
        double second = 0;
        for (int i = 0; i < lw.length; i++) {
            double w = Math.exp(lw[i] - max);
            z += w;
            mean += w * v[i];
            second += w * v[i] * v[i];
        }
        mean /= z;
        second /= z;
        rows.add(new ExactOutcome.Row(FopplModel.RETURN, mean, Math.sqrt(Math.max(0, second - mean * mean)), Double.NaN,
                Double.NaN, Double.NaN));
    }
}
