package dev.pyrite.app.foppl;

/**
 * A function defined with {@code (defn name [params] body...)}. Its parameters take slots 0..n-1 of
 * its own frame; {@link #body} is filled in once all functions are known (calls may refer to functions
 * defined further down the file).
 */
final class FunctionDef {
    final String name;
    final int arity;
    final Span span;
    Node[] body;
    int frameSize;

    FunctionDef(String name, int arity, Span span) {
        this.name = name;
        this.arity = arity;
        this.span = span;
    }

    /** Calls the function on evaluated arguments. */
    Object call(Object[] args, Evaluation ev) {
        Object[] frame = new Object[frameSize];
        System.arraycopy(args, 0, frame, 0, arity);
        Object v = NilValue.NIL;
        for (Node b : body) {
            v = b.eval(frame, ev);
        }
        return v;
    }
}
