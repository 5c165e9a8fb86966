package dev.pyrite.app.foppl;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ComponentName;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A compiled FOPPL program as a Pyrite model. Running it evaluates the program: every {@code sample} and
 * {@code observe} goes through the Pyrite handler stack (so it runs eagerly under {@code seed} and
 * {@code trace}, and traced into the compiled programs of NUTS under {@code substitute}), and its value is
 * recorded as the deterministic site {@code return}.
 *
 * <p>On its first run the model runs once on its own (on a separate thread, seeded, with no handlers)
 * to learn its sites and how many plate dimensions they use; hidden batch dimensions such as a chains
 * plate are then laid out to the left of all of them.
 */
public final class FopplModel implements Runnable {
    /** The name of the deterministic site holding the program's value. */
    public static final String RETURN = "return";

    private final Program program;
    private volatile int nesting = -1;
    private Map<String, Evaluation.SiteInfo> sites = Map.of();

    FopplModel(Program program) {
        this.program = program;
    }

    @Override
    public void run() {
        Object value = evaluate();
        TensorValue t = Values.tensorOrNull(value);
        if (t != null) {
            Pyrite.deterministic(RETURN, t.numeric().tensor());
        }
    }

    /** Evaluates the program under the active handlers and returns its value (an internal value object). */
    Object evaluate() {
        prepare();
        Evaluation ev = new Evaluation(nesting);
        return eval(ev);
    }

    private Object eval(Evaluation ev) {
        Object[] frame = new Object[program.frameSize()];
        return program.main().eval(frame, ev);
    }

    /** Runs the program once by itself (if not done yet) to learn its sites and plate nesting. */
    private void prepare() {
        if (nesting >= 0) {
            return;
        }
        synchronized (this) {
            if (nesting >= 0) {
                return;
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Evaluation> result = new AtomicReference<>();
            DataType floatType = Backend.floatType();   // the caller's, which a new thread does not inherit
            Thread t = new Thread(() -> {
                try (var f = Backend.floatTypeScope(floatType); var seed = Handlers.seed(0).enter()) {
                    Evaluation ev = new Evaluation(-1);
                    eval(ev);
                    result.set(ev);
                } catch (RuntimeException | Error e) {   // errors too, to rethrow them on the caller's thread
                    failure.set(e);
                }
            }, "pyrite-foppl-prepare");
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing the model", e);
            }
            if (failure.get() instanceof RuntimeException e) {
                throw e;
            }
            if (failure.get() instanceof Error e) {
                throw e;
            }
            sites = Collections.unmodifiableMap(new LinkedHashMap<>(result.get().sites()));
            nesting = result.get().maxBatchRank();
        }
    }

    /** The most plate dimensions any site uses. */
    public int plateNesting() {
        prepare();
        return nesting;
    }

    /** Names of the sites of one run, in order, with the form each comes from. */
    public Map<String, Span> sites() {
        prepare();
        Map<String, Span> out = new LinkedHashMap<>();
        sites.forEach((k, v) -> out.put(k, v.span()));
        return out;
    }

    /** The names of the latent (sampled, not observed) sites. */
    public List<String> latentSites() {
        prepare();
        List<String> out = new ArrayList<>();
        sites.forEach((k, v) -> {
            if (!v.observed()) {
                out.add(k);
            }
        });
        return out;
    }

    /** True when some latent site is discrete. */
    public boolean hasDiscreteLatentSites() {
        prepare();
        return sites.values().stream().anyMatch(s -> !s.observed() && s.discrete());
    }

    /**
     * Checks that gradient-based inference can handle every latent site: a discrete latent site must have
     * a finite support (it is then enumerated, i.e. summed out); one that can be neither enumerated nor
     * sampled by the gradient-based algorithm is an error at its form.
     */
    public void checkGradientInference(String algorithm) {
        prepare();
        for (Map.Entry<String, Evaluation.SiteInfo> e : sites.entrySet()) {
            Evaluation.SiteInfo s = e.getValue();
            if (!s.observed() && s.discrete() && !s.enumerable()) {
                throw new FopplException(s.span(), "site '" + e.getKey() + "' is a discrete latent variable ("
                        + s.family().fopplName() + ") with an unbounded support: " + algorithm
                        + " can neither sample it (it needs gradients) nor enumerate it (it needs a finite support);"
                        + " observe it, give it a finite support (e.g. categorical), or sample it with --algo dhmc");
            }
        }
    }

    /** The form a site comes from, or null. */
    public Span siteSpan(String name) {
        prepare();
        Evaluation.SiteInfo s = sites.get(name);
        return s == null ? null : s.span();
    }

    /**
     * The program's value for each of {@code n} joint draws of the latent sites, one vectorised run:
     * {@code latent} maps each latent site to its draws {@code [n, ...site shape]}. The value's numbers are
     * returned by name, {@code return} for a number, {@code return[i]} and {@code return[i,j]} (1-based)
     * for arrays; the items of a vector that is not one array (e.g. {@code [w b]} with a vector {@code w})
     * are the variables {@code return_1}, {@code return_2}..., the entries of a map {@code return_KEY}, so
     * that every variable is an array (as CmdStan's readers expect); each {@code [n]}.
     * Discrete latent sites missing from {@code latent} are enumerated, and the parts of the value that
     * depend on them are left out (they have no single value per draw), as are values that are not
     * numbers (distributions, strings); their names are added to {@code omitted}.
     */
    public Map<String, double[]> programValues(Map<String, Tensor> latent, long n, List<String> omitted) {
        prepare();
        Map<String, Tensor> laidOut = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : latent.entrySet()) {
            Evaluation.SiteInfo s = sites.get(e.getKey());
            Tensor v = e.getValue();
            int pad = s == null ? 0 : Math.max(0, nesting - s.batchRank());
            long[] shape = v.shape();
            long[] out = new long[shape.length + pad];
            out[0] = shape[0];
            Arrays.fill(out, 1, 1 + pad, 1L);
            System.arraycopy(shape, 1, out, 1 + pad, shape.length - 1);
            laidOut.put(e.getKey(), v.reshape(out));
        }
        Object value;
        try (Plate chains = Pyrite.plateAt("_draws", n, -(nesting + 1));
             var sub = Handlers.substitute(laidOut).enter();
             var enumerate = Handlers.enumerate(-(nesting + 2)).enter();
             var seed = Handlers.seed(0).enter()) {
            value = evaluate();
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        flatten(RETURN, value, n, out, omitted);
        return out;
    }

    private static void flatten(String name, Object value, long n, Map<String, double[]> out, List<String> omitted) {
        TensorValue t = Values.tensorOrNull(value);
        if (t != null) {
            t = t.numeric();
            if (t.loopRank() != 0 || t.prefixRank() > 1) {
                omitted.add(name);   // depends on enumerated values: no single value per draw
                return;
            }
            long[] logical = t.shape();
            Tensor full = t.prefixRank() == 0 ? t.tensor().unsqueeze(0) : t.tensor();
            full = full.broadcastTo(Shapes.concat(new long[]{n}, logical));
            int size = (int) Shapes.size(logical);
            double[] flat = full.reshape(n, size).toDoubleArray();
            for (int k = 0; k < size; k++) {
                double[] d = new double[(int) n];
                for (int i = 0; i < n; i++) {
                    d[i] = flat[i * size + k];
                }
                out.put(ComponentName.of(name, logical, k), d);
            }
        } else if (value instanceof ListValue l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(name + "_" + (i + 1), l.items().get(i), n, out, omitted);
            }
        } else if (value instanceof MapValue m) {
            for (Map.Entry<Object, Object> e : m.entries().entrySet()) {
                Object k = e.getKey();
                String key = k instanceof KeywordValue kw ? kw.name()
                        : k instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(k);
                flatten(name + "_" + key.replaceAll("[^A-Za-z0-9_]", "_"), e.getValue(), n, out, omitted);
            }
        } else if (value != NilValue.NIL) {
            omitted.add(name);
        }
    }
}
