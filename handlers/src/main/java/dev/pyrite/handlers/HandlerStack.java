package dev.pyrite.handlers;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The thread-local stack of handlers and the one function every effect goes through, {@link #send}
 * (Pyro's {@code apply_stack}). Each thread has its own stack, so models run concurrently in different
 * threads never see each other's handlers.
 *
 * <pre>{@code
 * Message m = HandlerStack.send(Message.sample("x", Normal.of(0.0, 1.0), Tensor.scalar(1.0)));
 * }</pre>
 */
public final class HandlerStack {
    private static final ThreadLocal<List<Handler<?>>> STACK = ThreadLocal.withInitial(ArrayList::new);

    private HandlerStack() {
    }

    /**
     * Sends a message through the stack: each handler's {@code process} from the innermost outward
     * (stopping early if one sets {@code stop}), then the default behaviour unless a handler set
     * {@code done}, then a shape check, then {@code postprocess} of every handler reached, outermost first.
     */
    public static Message send(Message msg) {
        Handler<?>[] frames = STACK.get().toArray(new Handler<?>[0]);
        int reached = frames.length;
        for (int i = frames.length - 1; i >= 0; i--) {
            reached = i;
            frames[i].process(msg);
            if (msg.stop) {
                break;
            }
        }
        applyDefault(msg);
        checkValueShape(msg);
        for (int i = reached; i < frames.length; i++) {
            frames[i].postprocess(msg);
        }
        return msg;
    }

    /** Number of handlers on this thread's stack. */
    public static int depth() {
        return STACK.get().size();
    }

    /** True when no handler is active on this thread. */
    public static boolean isEmpty() {
        return STACK.get().isEmpty();
    }

    /** A snapshot of this thread's handlers, outermost first. */
    public static List<Handler<?>> handlers() {
        return Collections.unmodifiableList(new ArrayList<>(STACK.get()));
    }

    static boolean contains(Handler<?> h) {
        for (Handler<?> x : STACK.get()) {
            if (x == h) {
                return true;
            }
        }
        return false;
    }

    static void push(Handler<?> h) {
        STACK.get().add(h);
    }

    /**
     * Removes {@code h} and everything above it (handlers a throwing model entered without closing),
     * so that closing a handler always restores the stack it was entered on. False if absent.
     */
    static boolean pop(Handler<?> h) {
        List<Handler<?>> s = STACK.get();
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.get(i) == h) {
                s.subList(i, s.size()).clear();
                if (s.isEmpty()) {
                    STACK.remove();   // do not keep a list per pooled thread
                }
                return true;
            }
        }
        return false;
    }

    /** A fresh stream split from the innermost seed handler, or null when there is none. */
    static RandomStream nextStream() {
        List<Handler<?>> s = STACK.get();
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.get(i) instanceof SeedHandler seed) {
                return seed.nextStream();
            }
        }
        return null;
    }

    /** Draws a SAMPLE message's value with {@code stream}; a full plate subsample needs none. */
    static Tensor draw(Message msg, RandomStream stream) {
        Distribution d = msg.distribution;
        if (stream == null && !(d instanceof Subsample s && s.isFull())) {
            throw new IllegalStateException("site '" + msg.name + "'" + msg.platesSuffix()
                    + ": cannot sample an unobserved site without a random stream; run the model inside"
                    + " Handlers.seed(...) or observe/condition the site");
        }
        return d.hasRsample() ? d.rsample(stream) : d.sample(stream);
    }

    private static void applyDefault(Message msg) {
        if (msg.done) {
            return;
        }
        switch (msg.type) {
            case SAMPLE -> {
                if (msg.value == null) {
                    if (msg.stream == null) {
                        msg.stream = nextStream();
                    }
                    msg.value = draw(msg, msg.stream);
                }
            }
            case PARAM -> {
                if (msg.value == null) {
                    msg.value = ParamStore.current().getOrInit(msg.name, msg.init, msg.constraint);
                }
            }
            case APPLY -> {
                if (msg.value == null) {
                    msg.value = msg.function.apply(LazyValue.forceAll(msg.args));
                }
            }
            default -> {
                // FACTOR and DETERMINISTIC carry their value from the start.
            }
        }
        msg.done = true;
    }

    /** An observed (or substituted) value must broadcast against the distribution's full shape. */
    private static void checkValueShape(Message msg) {
        if (msg.type != MessageType.SAMPLE || !(msg.value instanceof Tensor v) || msg.isSubsample()) {
            return;
        }
        Distribution d = msg.distribution;
        long[] full = Shapes.concat(d.batchShape(), d.eventShape());
        try {
            Shapes.broadcast(v.shape(), full);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site '" + msg.name + "'" + msg.platesSuffix() + ": "
                    + (msg.observed ? "observed" : "given") + " value of shape " + Shapes.format(v.shape())
                    + " does not broadcast to the distribution's shape " + Shapes.format(full) + " ("
                    + Message.describeShape(d) + ")", e);
        }
        int event = d.eventShape().length;
        if (v.rank() < event) {
            throw new IllegalArgumentException("site '" + msg.name + "'" + msg.platesSuffix() + ": value of shape "
                    + Shapes.format(v.shape()) + " has fewer dimensions than the event shape "
                    + Shapes.format(d.eventShape()));
        }
    }
}
