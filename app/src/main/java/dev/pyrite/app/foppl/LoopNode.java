package dev.pyrite.app.foppl;

import dev.pyrite.handlers.Markov;
import dev.pyrite.handlers.Pyrite;

/**
 * {@code (loop n v f e1 ... ek)}: starting from {@code acc = v}, calls {@code acc = (f i acc e1 ... ek)} for
 * i = 0..n-1 and returns the last {@code acc} (van de Meent et al. 2018, section 2.1). Sites in step i are
 * named with {@code [i+1]}. The steps form a first-order Markov chain for enumeration
 * ({@link Pyrite#markov()}): a discrete sample of step i may be used in steps i and i+1, as in a hidden
 * Markov model, which lets parallel enumeration reuse its dimensions along chains of any length.
 */
final class LoopNode implements Node {
    private final Node count;
    private final Node init;
    private final FunctionDef function;
    private final Node[] args;
    private final Span span;

    LoopNode(Node count, Node init, FunctionDef function, Node[] args, Span span) {
        this.count = count;
        this.init = init;
        this.function = function;
        this.args = args;
        this.span = span;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        long n = (Long) Node.evalAt(new ForeachNode.CountCheck(count, "the loop count"), frame, ev);
        Object acc = init.eval(frame, ev);
        Object[] call = new Object[args.length + 2];
        for (int k = 0; k < args.length; k++) {
            call[k + 2] = args[k].eval(frame, ev);
        }
        try (Markov chain = Pyrite.markov()) {
            for (int i : chain.range((int) n)) {
                call[0] = TensorValue.scalar(i);
                call[1] = acc;
                ev.enterIteration(i + 1);
                try {
                    acc = function.call(call.clone(), ev);
                } finally {
                    ev.exitIteration();
                }
            }
        }
        return acc;
    }

    @Override
    public Span span() {
        return span;
    }
}
