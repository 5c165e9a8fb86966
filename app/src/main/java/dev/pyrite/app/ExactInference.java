package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.enumeration.ConfigEnumerate;
import dev.pyrite.inference.enumeration.DiscreteMarginals;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ModelRun.Algorithm#ENUM} ({@code pyrite run --algo enum}): exact inference for a model whose latent sites are all discrete with
 * finite supports. Every site's posterior marginal comes from parallel enumeration and the plated
 * sum-product ({@link DiscreteMarginals}); a scalar program value's exact posterior mean and sd come
 * from the enumerated joint, when no enumerated site lies inside a plate (then the joint is one tensor
 * over the enumeration dimensions).
 */
final class ExactInference {
    /** One row of summary.csv: exact posterior mean and sd (no Monte Carlo columns). */
    record Row(String variable, double mean, double sd, double q5, double q50, double q95) {
    }

    /** One row of marginals.csv. */
    record Probability(String variable, double value, double probability) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Probability> probabilities = new ArrayList<>();
    private String note;
    private double seconds;

    static ExactInference run(FopplProgram program) {
        long t0 = System.nanoTime();
        FopplModel model = program.model();
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
                String name = batch == 1 ? site : site + "[" + (b + 1) + "]";
                double[] pb = java.util.Arrays.copyOfRange(p, b * k, (b + 1) * k);
                result.rows.add(row(name, values, pb));
                for (int j = 0; j < k; j++) {
                    result.probabilities.add(new Probability(name, values[j], pb[j]));
                }
            }
        }
        result.returnValue(model);
        result.seconds = (System.nanoTime() - t0) / 1e9;
        return result;
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
    static Row row(String name, double[] values, double[] p) {
        double mean = 0;
        double second = 0;
        for (int j = 0; j < values.length; j++) {
            mean += values[j] * p[j];
            second += values[j] * values[j] * p[j];
        }
        return new Row(name, mean, Math.sqrt(Math.max(0, second - mean * mean)), quantile(values, p, 0.05),
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
        rows.add(new Row(FopplModel.RETURN, mean, Math.sqrt(Math.max(0, second - mean * mean)), Double.NaN,
                Double.NaN, Double.NaN));
    }

    List<Row> rows() {
        return rows;
    }

    List<Probability> probabilities() {
        return probabilities;
    }

    String note() {
        return note;
    }

    double seconds() {
        return seconds;
    }

    /** The table printed on the terminal. */
    String toText() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %12s %12s %8s %8s %8s%n",
                "variable", "mean", "sd", "q5", "q50", "q95"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-16s %12.6g %12.6g %8s %8s %8s%n", r.variable(), r.mean(), r.sd(),
                    fmt(r.q5()), fmt(r.q50()), fmt(r.q95())));
        }
        return b.toString();
    }

    private static String fmt(double x) {
        return Double.isNaN(x) ? "NA" : String.format(Locale.ROOT, "%.6g", x);
    }

    /** summary.csv (the columns of an MCMC summary; the Monte Carlo ones are NA) and marginals.csv; returns them. */
    List<Path> writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder s = new StringBuilder("variable,mean,sd,mcse_mean,q5,q50,q95,rhat,ess_bulk,ess_tail\n");
            for (Row r : rows) {
                s.append(r.variable()).append(',').append(r.mean()).append(',').append(r.sd()).append(",0,")
                        .append(csv(r.q5())).append(',').append(csv(r.q50())).append(',').append(csv(r.q95()))
                        .append(",NA,NA,NA\n");
            }
            Files.writeString(dir.resolve("summary.csv"), s);
            StringBuilder m = new StringBuilder("variable,value,probability\n");
            for (Probability p : probabilities) {
                m.append(p.variable()).append(',').append(p.value()).append(',').append(p.probability()).append('\n');
            }
            Files.writeString(dir.resolve("marginals.csv"), m);
            return List.of(dir.resolve("summary.csv"), dir.resolve("marginals.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs to " + dir, e);
        }
    }

    private static String csv(double x) {
        return Double.isNaN(x) ? "NA" : String.valueOf(x);
    }
}
