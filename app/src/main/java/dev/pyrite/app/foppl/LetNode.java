package dev.pyrite.app.foppl;

/** {@code (let [x1 e1 x2 e2 ...] body...)}: binds in order, evaluates the body, returns its last value. */
final class LetNode implements Node {
    private final int[] slots;
    private final Node[] inits;
    private final Node[] body;
    private final Span span;

    LetNode(int[] slots, Node[] inits, Node[] body, Span span) {
        this.slots = slots;
        this.inits = inits;
        this.body = body;
        this.span = span;
    }

    Node[] body() {
        return body;
    }

    /** The slots the bindings fill, in order. */
    int[] slots() {
        return slots.clone();
    }

    /** The bindings' expressions, in order. */
    Node[] inits() {
        return inits.clone();
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        for (int i = 0; i < slots.length; i++) {
            frame[slots[i]] = inits[i].eval(frame, ev);
        }
        Object v = NilValue.NIL;
        for (Node b : body) {
            v = b.eval(frame, ev);
        }
        return v;
    }

    @Override
    public Span span() {
        return span;
    }
}
