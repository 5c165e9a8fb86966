package dev.pyrite.app.foppl;

import java.util.Arrays;

/** {@code (normal mu sigma)} and the other families: a {@link DistributionValue} of the evaluated arguments. */
final class DistributionNode implements Node {
    private final DistributionFamily family;
    private final Node[] args;
    private final Span span;

    DistributionNode(DistributionFamily family, Node[] args, Span span) {
        this.family = family;
        this.args = args;
        this.span = span;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].eval(frame, ev);
        }
        return new DistributionValue(family, Arrays.asList(values), span);
    }

    @Override
    public Span span() {
        return span;
    }
}
