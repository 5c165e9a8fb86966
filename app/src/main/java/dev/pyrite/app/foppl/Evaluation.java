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
        if (loopDepth == loops.length) {
            loops = Arrays.copyOf(loops, loopDepth * 2);
        }
        loops[loopDepth++] = size;
    }

    void exitLoop() {
        loopDepth--;
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
