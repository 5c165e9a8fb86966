package dev.pyrite.app.foppl;

import dev.pyrite.handlers.Markov;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.enumeration.VectorizedMarkov;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code (loop n v f e1 ... ek)}: starting from {@code acc = v}, calls {@code acc = (f i acc e1 ... ek)} for
 * i = 0..n-1 and returns the last {@code acc} (van de Meent et al. 2018, section 2.1). Sites in step i are
 * named with {@code [i+1]}. The steps form a first-order Markov chain for enumeration
 * ({@link Pyrite#markov()}): a discrete sample of step i may be used in steps i and i+1, as in a hidden
 * Markov model, which lets parallel enumeration reuse its dimensions along chains of any length.
 *
 * <p><b>Vectorised chains.</b> When the {@link Compiler} finds that the steps form a first-order chain whose
 * state is one sample (the function's body is {@code (let [... s (sample d) ...] ... s)}, the accumulated
 * value appears only in {@code d}, and no shape depends on the parameters), the body runs <em>once</em>
 * for all steps, as a vectorised {@code foreach} does: the index is bound to all steps along a loop
 * dimension, the state is one site over the steps ({@link VectorizedMarkov}, eliminated by a parallel
 * scan in log2 n rounds under enumeration) named by its symbol, and every other site in the body is one
 * site over the steps. The loop's value is the state at the last step. Under enumeration that value is
 * the chain's enumerated state, a variable of every step: a site outside the loop that depends on it
 * is not scored as a function of the last step alone (hmm.clj does not use the loop's value).
 */
final class LoopNode implements Node {
    private final Node count;
    private final Node init;
    private final FunctionDef function;
    private final Node[] args;
    private final boolean markovChain;
    private final Span span;

    LoopNode(Node count, Node init, FunctionDef function, Node[] args, boolean markovChain, Span span) {
        this.count = count;
        this.init = init;
        this.function = function;
        this.args = args;
        this.markovChain = markovChain;
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
        SampleNode state = markovChain && n > 0 && Values.tensorOrNull(acc) != null ? stateSite() : null;
        if (state != null) {
            return vectorised(call, ev, n, state, acc);
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

    /** All steps at once: the index along a new loop dimension, the state one chain site over the steps. */
    private Object vectorised(Object[] call, Evaluation ev, long n, SampleNode state, Object initial) {
        int depth = ev.loopDepth() + 1;
        TensorValue steps = TensorValue.constant(Tensor.of(Nd4j.arange(n).castTo(Backend.floatType())))
                .padTo(depth - 1, 1);
        call[0] = steps.with(steps.tensor(), depth, 0);
        call[1] = initial;   // read only by the state's distribution, which the chain rebinds
        Object states;
        ev.enterLoop(n, true);
        Evaluation.MarkovStep outer = ev.swapMarkov(new Evaluation.MarkovStep(state, 1, initial));
        try {
            states = function.call(call, ev);
        } finally {
            ev.swapMarkov(outer);
            ev.exitLoop();
        }
        return Values.iteration(states, depth, n - 1);
    }

    /** The sample the step function returns through its let (the shape the compiler checked), or null. */
    private SampleNode stateSite() {
        if (function.body == null || function.body.length != 1 || !(function.body[0] instanceof LetNode let)) {
            return null;
        }
        Node[] body = let.body();
        if (body.length == 0 || !(body[body.length - 1] instanceof LocalNode result)) {
            return null;
        }
        int[] slots = let.slots();
        Node[] inits = let.inits();
        for (int i = slots.length - 1; i >= 0; i--) {
            if (slots[i] == result.slot()) {
                return inits[i] instanceof SampleNode s ? s : null;
            }
        }
        return null;
    }

    @Override
    public Span span() {
        return span;
    }
}
