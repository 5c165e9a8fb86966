package dev.pyrite.app.foppl;

/** A call of a built-in function: evaluates the arguments, then applies it. */
final class PrimitiveNode implements Node {
    private final Primitive primitive;
    private final Node[] args;
    private final Span span;

    PrimitiveNode(Primitive primitive, Node[] args, Span span) {
        this.primitive = primitive;
        this.args = args;
        this.span = span;
    }

    Primitive primitive() {
        return primitive;
    }

    Node[] args() {
        return args;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].eval(frame, ev);
        }
        try {
            return primitive.impl().apply(values, span);
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
