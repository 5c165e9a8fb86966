package dev.pyrite.app.foppl;

/** A call of a function defined with {@code defn}. */
final class CallNode implements Node {
    private final FunctionDef function;
    private final Node[] args;
    private final Span span;

    CallNode(FunctionDef function, Node[] args, Span span) {
        this.function = function;
        this.args = args;
        this.span = span;
    }

    FunctionDef function() {
        return function;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].eval(frame, ev);
        }
        return function.call(values, ev);
    }

    @Override
    public Span span() {
        return span;
    }
}
