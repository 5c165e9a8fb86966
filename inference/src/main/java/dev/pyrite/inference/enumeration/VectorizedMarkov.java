package dev.pyrite.inference.enumeration;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Handler;
import dev.pyrite.handlers.HandlerStack;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Plate;
import dev.pyrite.tensor.Tensor;
import java.util.function.Function;

/**
 * A first-order Markov chain of discrete states written as one vectorised site over a time plate, so
 * that a chain of T steps is neither a Java loop nor T enumeration dimensions: under parallel
 * enumeration it becomes two enumerated sites, the state and the previous state, each with one
 * dimension, and the contraction eliminates the chain along the plate by a parallel scan in log2 T
 * rounds ({@link ParallelScan}). Every other site in the time plate may depend on the state (an
 * emission) and is vectorised over time as usual.
 *
 * <pre>{@code
 * try (Plate seqs = Pyrite.plate("sequences", 50); Plate time = Pyrite.plate("time", 200)) {
 *     Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofLogits(Tensor.zeros(4)),
 *             prev -> Categorical.ofLogits(Vindex.rows(transitionLogits, prev)));
 *     Pyrite.sample("y", Categorical.ofLogits(Vindex.rows(emissionLogits, x)), observations);
 * }
 * }</pre>
 *
 * <p>Without enumeration on the handler stack (simulation, prior predictive) the chain is drawn step
 * by step as one site whose log density is that of the whole path. Sites other than the chain should
 * not depend on the previous state at step 0, which reads as the first support value there.
 */
public final class VectorizedMarkov {
    /** Infer key on the previous-state site: the name of the chain it belongs to. */
    public static final String PREVIOUS_OF = "_markov_previous_of";
    /** Infer key on both sites: the name of the time plate. */
    public static final String TIME = "_markov_time";
    /** Suffix of the previous-state site's name. */
    public static final String PREVIOUS_SUFFIX = "_prev";

    private VectorizedMarkov() {
    }

    /**
     * A chain named {@code name} along the entered plate {@code time}: {@code initial} at step 0, and
     * {@code transition.apply(previous)} after it, where {@code previous} broadcasts like any value of a
     * site. Returns the states (under enumeration: the support along the chain's own dimension).
     */
    public static Tensor chain(String name, Plate time, Distribution initial, Function<Tensor, Distribution> transition) {
        if (time.subsampleSize() != time.size()) {
            throw new IllegalArgumentException("VectorizedMarkov '" + name + "': the time plate '" + time.name()
                    + "' is subsampled; a chain needs every step");
        }
        if (!initial.hasEnumerateSupport()) {
            throw new IllegalArgumentException("VectorizedMarkov '" + name + "': states must have a finite support, but "
                    + initial.getClass().getSimpleName() + " has none to enumerate");
        }
        int dim = time.dim();
        long steps = time.size();
        if (!enumerating()) {
            Message m = Message.sample(name, ChainStep.path(initial, transition, dim, steps), null);
            m.infer.put(TIME, time.name());
            return HandlerStack.send(m).tensorValue();
        }
        Message prev = Message.sample(name + PREVIOUS_SUFFIX, PreviousState.of(initial), null);
        prev.infer.put(EnumHandler.ENUMERATE, EnumHandler.PARALLEL);
        prev.infer.put(PREVIOUS_OF, name);
        prev.infer.put(TIME, time.name());
        Tensor previous = HandlerStack.send(prev).tensorValue();
        Message m = Message.sample(name, ChainStep.enumerated(initial, transition, previous, dim, steps), null);
        m.infer.put(EnumHandler.ENUMERATE, EnumHandler.PARALLEL);
        m.infer.put(TIME, time.name());
        return HandlerStack.send(m).tensorValue();
    }

    /** True when a parallel-enumeration handler is on this thread's stack. */
    static boolean enumerating() {
        for (Handler<?> h : HandlerStack.handlers()) {
            if (h instanceof EnumHandler) {
                return true;
            }
        }
        return false;
    }
}
