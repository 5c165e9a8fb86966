package dev.pyrite.inference.svi;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.MessageType;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prior and posterior predictive draws of every site of a model, vectorised: the S samples are one
 * plate ({@code _samples}, left of the model's plates), so the model runs once. Observed sites are drawn
 * (not scored), latent sites come from the prior, from given posterior samples, or from a guide.
 *
 * <pre>{@code
 * Map<String, Tensor> prior = Predictive.prior(model, 500).sample(RandomStream.of(1), x);
 * Map<String, Tensor> post = Predictive.fromGuide(model, guide, 500).sample(RandomStream.of(2), x);
 * Tensor yRep = post.get("y");                       // [500, N]
 * }</pre>
 * Every returned tensor is {@code [S] + the site's shape in a plain run of the model}.
 */
public final class Predictive {
    /** Name of the plate that holds the samples. */
    public static final String PLATE = "_samples";
    private final SviModel model;
    private final SviModel guide;
    private final Map<String, Tensor> samples;
    private final int numSamples;

    private Predictive(SviModel model, SviModel guide, Map<String, Tensor> samples, int numSamples) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("Predictive: numSamples must be >= 1, got " + numSamples);
        }
        this.model = model;
        this.guide = guide;
        this.samples = samples;
        this.numSamples = numSamples;
    }

    /** Draws from the prior predictive. */
    public static Predictive prior(SviModel model, int numSamples) {
        return new Predictive(model, null, null, numSamples);
    }

    /** Draws the latent sites from a guide (e.g. a trained autoguide), the rest from the model. */
    public static Predictive fromGuide(SviModel model, SviModel guide, int numSamples) {
        return new Predictive(model, guide, null, numSamples);
    }

    /** Uses given posterior samples, each {@code [S] + site shape} (e.g. MCMC draws). */
    public static Predictive posterior(SviModel model, Map<String, Tensor> posteriorSamples) {
        if (posteriorSamples.isEmpty()) {
            throw new IllegalArgumentException("Predictive: no posterior samples");
        }
        long s = -1;
        for (Map.Entry<String, Tensor> e : posteriorSamples.entrySet()) {
            long n = e.getValue().size(0);
            if (s >= 0 && n != s) {
                throw new IllegalArgumentException("Predictive: site '" + e.getKey() + "' has " + n + " samples, others " + s);
            }
            s = n;
        }
        return new Predictive(model, null, Map.copyOf(posteriorSamples), (int) s);
    }

    public int numSamples() {
        return numSamples;
    }

    /**
     * One vectorised draw of S samples of every SAMPLE and deterministic site. With an autoguide, the
     * model's parameters too are read from the guide's store (the fit's), not from the current one.
     */
    public Map<String, Tensor> sample(RandomStream stream, Tensor... args) {
        if (guide instanceof AutoGuide auto) {
            auto.prepare(args);
            try (ContextScope<ParamStore> scope = ParamStore.scope(auto.store())) {
                return sampleInStore(stream, args);
            }
        }
        return sampleInStore(stream, args);
    }

    private Map<String, Tensor> sampleInStore(RandomStream stream, Tensor... args) {
        Trace plain;
        try (var seed = Handlers.seed(RandomStream.of(0)).enter()) {
            plain = Handlers.trace().getTrace(() -> model.run(args));
        }
        int nesting = 0;
        for (Message m : plain.sites()) {
            for (PlateFrame f : m.frames) {
                nesting = Math.max(nesting, -f.dim());
            }
        }
        final int nest = nesting;
        Trace guideTrace = null;
        if (guide != null) {
            try (Plate p = Pyrite.plateAt(PLATE, numSamples, -(nest + 1)); var seed = Handlers.seed(stream.split()).enter()) {
                guideTrace = Handlers.trace().getTrace(() -> guide.run(args));
            }
        }
        Map<String, Tensor> fixed = new HashMap<>();
        if (samples != null) {
            for (Map.Entry<String, Tensor> e : samples.entrySet()) {
                Message site = plain.site(e.getKey());
                fixed.put(e.getKey(), e.getValue().reshape(plated(site, nest)));
            }
        }
        Trace tr;
        final Trace gt = guideTrace;
        try (var un = Handlers.uncondition().enter();
             var sub = Handlers.substitute(m -> m.type == MessageType.SAMPLE ? fixed.get(m.name) : null).enter();
             Plate p = Pyrite.plateAt(PLATE, numSamples, -(nest + 1));
             var seed = Handlers.seed(stream.split()).enter()) {
            tr = Handlers.trace().getTrace(gt == null ? () -> model.run(args) : Handlers.replay(gt).wrap(() -> model.run(args)));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Message m : tr.sites(x -> (x.type == MessageType.SAMPLE || x.type == MessageType.DETERMINISTIC)
                && !x.isSubsample())) {
            long[] shape = plain.contains(m.name) ? plain.value(m.name).shape() : null;
            Tensor v = m.tensorValue();
            if (shape == null) {
                out.put(m.name, v);
                continue;
            }
            long[] target = Shapes.concat(new long[]{numSamples}, shape);
            if (v.numel() != Shapes.size(target)) {
                v = v.broadcastTo(plated(plain.site(m.name), nest));
            }
            out.put(m.name, v.reshape(target));
        }
        return out;
    }

    /** [S] + the site's batch dims left-padded to the nesting + its event dims. */
    private long[] plated(Message site, int nesting) {
        long[] shape = site.tensorValue().shape();
        int eventDims = site.distribution == null ? 0 : site.distribution.eventShape().length;
        int batchRank = shape.length - eventDims;
        long[] out = new long[1 + nesting + eventDims];
        Arrays.fill(out, 1);
        out[0] = numSamples;
        for (int i = 0; i < batchRank; i++) {
            out[1 + nesting - batchRank + i] = shape[i];
        }
        for (int i = 0; i < eventDims; i++) {
            out[1 + nesting + i] = shape[batchRank + i];
        }
        return out;
    }
}
