package dev.pyrite.app.foppl;

/** A reference to a variable bound by {@code let}, {@code foreach} or a function's parameters. */
final class LocalNode implements Node {
    private final int slot;
    private final Span span;

    LocalNode(int slot, Span span) {
        this.slot = slot;
        this.span = span;
    }

    int slot() {
        return slot;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        return frame[slot];
    }

    @Override
    public Span span() {
        return span;
    }
}
