package dev.pyrite.app.foppl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one run of a program: the vectorised loops it is inside, the iteration indices that
 * name the sites of sequential loops, the condition under which observations count (inside an
 * {@code if} evaluated on both branches) and the site names used so far.
 */
final class Evaluation {
    /** Plate dimensions the model uses at most, or -1 while that is being found out. */
    final int nesting;
    private long[] loops = new long[8];
    private boolean[] markovLoops = new boolean[8];
    private int loopDepth;
    private final List<String> indices = new ArrayList<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, SiteInfo> sites = new LinkedHashMap<>();
    private TensorValue predicate;
    private int maxBatchRank;

    /** A site as the program made it: where, and how many batch (plate) dimensions it has. */
    record SiteInfo(Span span, int batchRank, boolean observed, DistributionFamily family, boolean discrete,
                    boolean enumerable) {
    }

    Evaluation(int nesting) {
        this.nesting = nesting;
    }

    // ------------------------------------------------------------ vectorised loops

    int loopDepth() {
        return loopDepth;
    }

    /** Sizes of the enclosing vectorised loops, outermost first. */
    long[] loopSizes() {
        return Arrays.copyOf(loops, loopDepth);
    }

    void enterLoop(long size) {
        enterLoop(size, false);
    }

    /** Enters a vectorised loop; {@code markov}: the steps of a loop run as a Markov chain ({@link LoopNode}). */
    void enterLoop(long size, boolean markov) {
        if (loopDepth == loops.length) {
            loops = Arrays.copyOf(loops, loopDepth * 2);
            markovLoops = Arrays.copyOf(markovLoops, loopDepth * 2);
        }
        markovLoops[loopDepth] = markov;
        loops[loopDepth++] = size;
    }

    /** True when the vectorised loop at {@code depth} (0 = outermost) is the steps of a Markov chain. */
    boolean isMarkovLoop(int depth) {
        return markovLoops[depth];
    }

    void exitLoop() {
        loopDepth--;
    }

    /** Runs {@code body} inside the vectorised loops {@code sizes} (outermost first), then restores these. */
    <T> T inLoops(long[] sizes, boolean[] markov, java.util.function.Supplier<T> body) {
        long[] savedLoops = loops;
        boolean[] savedMarkov = markovLoops;
        int savedDepth = loopDepth;
        loops = Arrays.copyOf(sizes, Math.max(8, sizes.length));
        markovLoops = Arrays.copyOf(markov, Math.max(8, sizes.length));
        loopDepth = sizes.length;
        try {
            return body.get();
        } finally {
            loops = savedLoops;
            markovLoops = savedMarkov;
            loopDepth = savedDepth;
        }
    }

    /** Which enclosing vectorised loops are Markov chains, outermost first. */
    boolean[] markovLoops() {
        return Arrays.copyOf(markovLoops, loopDepth);
    }

    // ------------------------------------------------------------ loops as vectorised Markov chains

    /**
     * A {@code loop} running as a vectorised Markov chain: the sample that is its state ({@code site}), the
     * frame slot of the accumulated value in the step function and the loop's initial value.
     */
    record MarkovStep(SampleNode site, int accSlot, Object initial) {
    }

    private MarkovStep markov;

    /** The Markov loop being evaluated, or null. */
    MarkovStep markov() {
        return markov;
    }

    /** Sets the Markov loop (null: none) and returns the previous one, to restore afterwards. */
    MarkovStep swapMarkov(MarkovStep m) {
        MarkovStep old = markov;
        markov = m;
        return old;
    }

    // ------------------------------------------------------------ sequential iterations and names

    /** Enters iteration {@code oneBased} of a sequential foreach or loop: names inside get {@code [i]}. */
    void enterIteration(long oneBased) {
        indices.add(Long.toString(oneBased));
    }

    void exitIteration() {
        indices.remove(indices.size() - 1);
    }

    /**
     * A fresh site name: the let-bound symbol ({@code hint}) or an automatic address made of the kind and
     * the form's line and column, then the indices of enclosing sequential iterations, e.g. {@code theta[3]}.
     * A name used before in this run gets {@code _2}, {@code _3}... (a function called twice).
     */
    String siteName(String hint, Span span, String kind) {
        String base = hint != null ? hint : kind + "_" + span.line() + "_" + span.column();
        String name = indices.isEmpty() ? base : base + "[" + String.join(",", indices) + "]";
        if (used.add(name)) {
            return name;
        }
        for (int k = 2; ; k++) {
            String alt = name + "_" + k;
            if (used.add(alt)) {
                return alt;
            }
        }
    }

    void recordSite(String name, SiteInfo info) {
        sites.put(name, info);
        maxBatchRank = Math.max(maxBatchRank, info.batchRank());
    }

    Map<String, SiteInfo> sites() {
        return sites;
    }

    int maxBatchRank() {
        return maxBatchRank;
    }

    // ------------------------------------------------------------ conditions on observations

    /** The condition under which observations count here, or null (always). */
    TensorValue predicate() {
        return predicate;
    }

    /** Sets the predicate (null: none) and returns the previous one, to restore afterwards. */
    TensorValue swapPredicate(TensorValue p) {
        TensorValue old = predicate;
        predicate = p;
        return old;
    }
}
