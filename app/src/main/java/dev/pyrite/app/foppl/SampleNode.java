package dev.pyrite.app.foppl;

/**
 * {@code (sample d)}: a latent site. Bound directly by {@code let} it takes the symbol's name ({@code mu});
 * as the value of a {@code foreach} bound by {@code let} it takes that symbol's name with the iteration
 * index ({@code theta[3]}, 1-based) or, when the foreach is vectorised, the symbol's name for one site
 * holding all iterations; otherwise an automatic address {@code sample_LINE_COLUMN}.
 */
final class SampleNode implements Node {
    private final Node distribution;
    private final Span span;
    private String name;

    SampleNode(Node distribution, Span span) {
        this.distribution = distribution;
        this.span = span;
    }

    /** Gives the site a name (the compiler calls this for let-bound samples). */
    void name(String symbol) {
        if (name == null) {
            name = symbol;
        }
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        Evaluation.MarkovStep chain = ev.markov();
        if (chain != null && chain.site() == this) {
            return chain(frame, ev, chain);
        }
        Object d = distribution.eval(frame, ev);
        if (!(d instanceof DistributionValue dv)) {
            throw new FopplException(span, "sample needs a distribution, got " + Values.describe(d));
        }
        try {
            return Sites.sample(ev, dv, name, span);
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new FopplException(span, e.getMessage(), e);
        }
    }

    /**
     * This sample as the state of a loop run as a vectorised Markov chain: its distribution is evaluated
     * with the accumulated value bound to the loop's initial value (step 0) and to the previous state
     * (every later step).
     */
    private Object chain(Object[] frame, Evaluation ev, Evaluation.MarkovStep chain) {
        int slot = chain.accSlot();
        Object saved = frame[slot];
        try {
            frame[slot] = chain.initial();
            DistributionValue initial = distributionAt(frame, ev);
            return Sites.markovChain(ev, initial, previous -> {
                Object keep = frame[slot];
                frame[slot] = previous;
                try {
                    return distributionAt(frame, ev);
                } finally {
                    frame[slot] = keep;
                }
            }, name, span);
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new FopplException(span, e.getMessage(), e);
        } finally {
            frame[slot] = saved;
        }
    }

    private DistributionValue distributionAt(Object[] frame, Evaluation ev) {
        Object d = distribution.eval(frame, ev);
        if (!(d instanceof DistributionValue dv)) {
            throw new FopplException(span, "sample needs a distribution, got " + Values.describe(d));
        }
        return dv;
    }

    @Override
    public Span span() {
        return span;
    }
}
