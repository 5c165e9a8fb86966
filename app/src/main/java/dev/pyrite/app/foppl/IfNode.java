package dev.pyrite.app.foppl;

/**
 * {@code (if c a b)}. A condition known before the run (data, constants) picks one branch. A condition
 * that differs between chains, enumerated values, elements or iterations of a vectorised loop (it depends
 * on a sample, or it is an array) evaluates <em>both</em> branches and merges their values element-wise,
 * as the book's translation of FOPPL to graphical models does: observations in a branch count only
 * where its condition holds; samples in a branch keep their prior everywhere (where the branch is not
 * taken they are unused and do not change the posterior of anything else).
 */
final class IfNode implements Node {
    private final Node condition;
    private final Node then;
    private final Node otherwise;   // null: nil
    private final Span span;

    IfNode(Node condition, Node then, Node otherwise, Span span) {
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
        this.span = span;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        Object c = condition.eval(frame, ev);
        if (!Values.needsSelect(c)) {
            boolean taken;
            try {
                taken = Values.truthy(c);
            } catch (IllegalArgumentException e) {
                throw new FopplException(condition.span(), e.getMessage(), e);
            }
            if (taken) {
                return then.eval(frame, ev);
            }
            return otherwise == null ? NilValue.NIL : otherwise.eval(frame, ev);
        }
        TensorValue cond = ((TensorValue) c).truth();
        TensorValue outer = ev.predicate();
        Object a;
        Object b;
        TensorValue thenPredicate = outer == null ? cond : and(outer, cond);
        ev.swapPredicate(thenPredicate);
        try {
            a = then.eval(frame, ev);
            TensorValue not = cond.map(cond.tensor().not());
            ev.swapPredicate(outer == null ? not : and(outer, not));
            b = otherwise == null ? NilValue.NIL : otherwise.eval(frame, ev);
        } finally {
            ev.swapPredicate(outer);
        }
        try {
            return Values.select(cond, a, b);
        } catch (IllegalArgumentException e) {
            throw new FopplException(span, e.getMessage(), e);
        }
    }

    private static TensorValue and(TensorValue p, TensorValue q) {
        TensorValue[] v = TensorValue.align(p, q);
        return new TensorValue(v[0].tensor().and(v[1].tensor()), v[0].loopRank(), Math.max(v[0].rank(), v[1].rank()),
                p.random() || q.random());
    }

    @Override
    public Span span() {
        return span;
    }
}
