package dev.pyrite.app.foppl;

/**
 * {@code (observe d v)}: conditions the model on {@code v} having been drawn from {@code d}; returns
 * {@code v}. The value broadcasts against the distribution: a distribution with scalar parameters
 * observing a vector is one vectorised site (a plate), not a loop.
 */
final class ObserveNode implements Node {
    private final Node distribution;
    private final Node value;
    private final Span span;

    ObserveNode(Node distribution, Node value, Span span) {
        this.distribution = distribution;
        this.value = value;
        this.span = span;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        Object d = distribution.eval(frame, ev);
        Object v = value.eval(frame, ev);
        if (!(d instanceof DistributionValue dv)) {
            throw new FopplException(span, "observe needs a distribution, got " + Values.describe(d));
        }
        try {
            return Sites.observe(ev, dv, v, span);
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new FopplException(span, e.getMessage(), e);
        }
    }

    @Override
    public Span span() {
        return span;
    }
}
