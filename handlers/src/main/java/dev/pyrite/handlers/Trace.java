package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The record of one run of a model: its sites in the order they were visited, each a copy of the
 * {@link Message} as the handlers left it. Log densities are computed on demand, with scale and mask
 * applied, from whatever tensors the sites hold: if the run was traced into a graph, so is
 * {@link #logProbSum()}, which is then a differentiable log joint.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(Handlers.seed(0).wrap(model));
 * double logJoint = tr.logProbSum().item();
 * String shapes = tr.computeLogProb().formatShapes();
 * }</pre>
 */
public final class Trace {
    private final Map<String, Message> sites = new LinkedHashMap<>();

    /** An empty trace (e.g. the first partial trace of a sequential-enumeration queue). */
    public Trace() {
    }

    /**
     * Adds a site. A name may appear once, except that a parameter may be read again and a plate
     * re-entered (its subsample site repeats); anything else is an error naming both visits.
     */
    public void add(Message site) {
        Message old = sites.get(site.name);
        if (old != null) {
            boolean repeatParam = old.type == MessageType.PARAM && site.type == MessageType.PARAM;
            boolean repeatPlate = old.isSubsample() && site.isSubsample();
            if (repeatParam || repeatPlate) {
                return;
            }
            throw new IllegalArgumentException("duplicate site name '" + site.name + "' in one trace: first a "
                    + describe(old) + ", then a " + describe(site));
        }
        sites.put(site.name, site);
    }

    private static String describe(Message m) {
        return m.type + " site" + (m.isSubsample() ? " (a plate)" : "") + (m.frames.isEmpty() ? " outside plates"
                : " in plates " + m.frames);
    }

    public boolean contains(String name) {
        return sites.containsKey(name);
    }

    /** The site called {@code name}; an error naming the known sites if there is none. */
    public Message site(String name) {
        Message m = sites.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no site '" + name + "' in this trace (sites: " + sites.keySet() + ")");
        }
        return m;
    }

    /** The value of a site as a tensor. */
    public Tensor value(String name) {
        return site(name).tensorValue();
    }

    /** Every site in visiting order. */
    public Collection<Message> sites() {
        return Collections.unmodifiableCollection(sites.values());
    }

    /** Site names in visiting order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(sites.keySet());
    }

    public int size() {
        return sites.size();
    }

    /** Sites that pass {@code filter}, in visiting order. */
    public List<Message> sites(Predicate<Message> filter) {
        List<Message> out = new ArrayList<>();
        for (Message m : sites.values()) {
            if (filter.test(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** SAMPLE sites that are not observed and are not plate subsamples. */
    public List<Message> latentSites() {
        return sites(m -> m.type == MessageType.SAMPLE && !m.observed && !m.isSubsample());
    }

    /** Observed SAMPLE sites. */
    public List<Message> observedSites() {
        return sites(m -> m.type == MessageType.SAMPLE && m.observed);
    }

    /** A copy whose sites are copies (so the copy can be extended or edited independently). */
    public Trace copy() {
        Trace t = new Trace();
        for (Message m : sites.values()) {
            t.sites.put(m.name, m.copy());
        }
        return t;
    }

    /** Computes (and caches) the log density of every SAMPLE and FACTOR site; returns this trace. */
    public Trace computeLogProb() {
        for (Message m : sites.values()) {
            if (m.hasLogProb()) {
                m.scaledLogProb();
            }
        }
        return this;
    }

    /** The log joint: the sum over SAMPLE and FACTOR sites of their scaled, masked log densities. */
    public Tensor logProbSum() {
        return logProbSum(m -> true);
    }

    /** The sum of the scaled log densities of the sites with a log density that pass {@code filter}. */
    public Tensor logProbSum(Predicate<Message> filter) {
        Tensor total = null;
        for (Message m : sites.values()) {
            if (m.hasLogProb() && !m.isSubsample() && filter.test(m)) {
                Tensor s = m.logProbSum();
                total = total == null ? s : total.add(s);
            }
        }
        return total == null ? Tensor.scalar(0.0) : total;
    }

    /**
     * A table of every site's shapes, like Pyro's {@code format_shapes}: parameters with their shape;
     * plates with their size; for each sample site the distribution's batch | event shape, the value's
     * shape split the same way, and the log density's shape once computed.
     */
    public String formatShapes() {
        return ShapeTable.format(this);
    }

    @Override
    public String toString() {
        return "Trace" + sites.keySet();
    }
}
