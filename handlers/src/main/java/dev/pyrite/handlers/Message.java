package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One effect on its way through the handler stack, and, once recorded, one site of a {@link Trace}.
 *
 * <p>The fields are public and mutable on purpose: a handler is a small function that reads and
 * rewrites a message (as in Pyro's Poutine), and naming every field keeps those rewrites explicit.
 * Which fields matter depends on {@link #type}:
 * <ul>
 *   <li>{@code SAMPLE}: {@link #distribution}, {@link #value}, {@link #observed}, {@link #scale},
 *       {@link #mask}, {@link #frames}, {@link #infer}, {@link #stream};
 *   <li>{@code PARAM}: {@link #init}, {@link #constraint}, {@link #value};
 *   <li>{@code FACTOR}: {@link #distribution} (a unit distribution whose log density is the factor),
 *       {@link #value}, {@link #scale}, {@link #mask}, {@link #frames};
 *   <li>{@code DETERMINISTIC}: {@link #value}, {@link #frames};
 *   <li>{@code APPLY}: {@link #function}, {@link #args}, {@link #value}.
 * </ul>
 *
 * <pre>{@code
 * Message m = Message.sample("x", Normal.of(0.0, 1.0), Tensor.scalar(0.5));
 * HandlerStack.send(m);                   // handlers see it; the value stays 0.5
 * double lp = m.logProb().item();         // -1.0439385332046727
 * }</pre>
 */
public final class Message {
    /** What kind of effect this is. */
    public MessageType type;
    /** The site name, unique within one trace (APPLY names may repeat). */
    public String name;
    /** The distribution of a SAMPLE site (plates broadcast it) or the unit distribution of a FACTOR. */
    public Distribution distribution;
    /** The function an APPLY message calls by default. */
    public Function<Object[], Object> function;
    /** The arguments of an APPLY message. */
    public Object[] args;
    /** Initial value of a PARAM (constrained space), evaluated only when the store lacks the name. */
    public Supplier<Tensor> init;
    /** Constraint of a PARAM; null means real. */
    public Constraint constraint;
    /** The value: a {@link Tensor}, or a {@link LazyValue} under the lazy handler, or any object for APPLY. */
    public Object value;
    /** True when the value is data rather than a draw. */
    public boolean observed;
    /** Multiplies the log density (null means 1); plates with subsampling and {@code scale} set it. */
    public Tensor scale;
    /** A BOOL tensor; where false the log density counts as 0 (null means everywhere true). */
    public Tensor mask;
    /** The plates around the site, innermost first. */
    public final List<PlateFrame> frames = new ArrayList<>();
    /** Options for inference algorithms, e.g. {@code "enumerate" -> "parallel"}. */
    public final Map<String, Object> infer = new HashMap<>();
    /** Set by a handler that has produced the value itself: the default behaviour is skipped. */
    public boolean done;
    /** Set by a handler to hide the message from every handler outside it (e.g. {@code block}). */
    public boolean stop;
    /** The stream a draw uses; null means a stream split from the innermost seed handler. */
    public RandomStream stream;

    /** The {@link DoHandler} that already split this message, so it does not split it twice. */
    Object intervener;

    // Log densities are computed on demand and cached (a trace may never need them).
    private Tensor logProb;
    private Tensor scaledLogProb;

    private Message(MessageType type, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(type + " site needs a non-empty name");
        }
        this.type = type;
        this.name = name;
    }

    /** A SAMPLE message; {@code obs} null means latent. */
    public static Message sample(String name, Distribution distribution, Tensor obs) {
        if (distribution == null) {
            throw new IllegalArgumentException("site '" + name + "': distribution is null");
        }
        Message m = new Message(MessageType.SAMPLE, name);
        m.distribution = distribution;
        m.value = obs;
        m.observed = obs != null;
        return m;
    }

    /** A PARAM message. */
    public static Message param(String name, Supplier<Tensor> init, Constraint constraint) {
        Message m = new Message(MessageType.PARAM, name);
        m.init = init;
        m.constraint = constraint;
        return m;
    }

    /** A FACTOR message adding {@code logWeight} to the log joint. */
    public static Message factor(String name, Tensor logWeight) {
        Message m = new Message(MessageType.FACTOR, name);
        m.distribution = UnitDistribution.of(logWeight);
        m.value = logWeight;
        m.observed = true;
        return m;
    }

    /** A DETERMINISTIC message recording {@code value}. */
    public static Message deterministic(String name, Tensor value) {
        Message m = new Message(MessageType.DETERMINISTIC, name);
        m.value = value;
        m.observed = true;
        return m;
    }

    /** An APPLY message calling {@code function} on {@code args}. */
    public static Message apply(String name, Function<Object[], Object> function, Object[] args) {
        Message m = new Message(MessageType.APPLY, name);
        m.function = function;
        m.args = args.clone();
        return m;
    }

    /** A copy with its own frame list and infer map (the log-density caches are not copied). */
    public Message copy() {
        Message m = new Message(type, name);
        m.distribution = distribution;
        m.function = function;
        m.args = args == null ? null : args.clone();
        m.init = init;
        m.constraint = constraint;
        m.value = value;
        m.observed = observed;
        m.scale = scale;
        m.mask = mask;
        m.frames.addAll(frames);
        m.infer.putAll(infer);
        m.done = done;
        m.stop = stop;
        m.stream = stream;
        m.intervener = intervener;
        return m;
    }

    /** The value as a tensor, evaluating a {@link LazyValue} if a handler deferred it. */
    public Tensor tensorValue() {
        Object v = LazyValue.force(value);
        if (v instanceof Tensor t) {
            return t;
        }
        throw new IllegalStateException("site '" + name + "'" + platesSuffix() + ": value is "
                + (v == null ? "missing" : "a " + v.getClass().getSimpleName() + ", not a Tensor"));
    }

    /** True for SAMPLE and FACTOR sites, which have a log density. */
    public boolean hasLogProb() {
        return (type == MessageType.SAMPLE || type == MessageType.FACTOR) && distribution != null;
    }

    /** True for the site a plate emits to draw its subsample indices (its log density is 0). */
    public boolean isSubsample() {
        return type == MessageType.SAMPLE && distribution instanceof Subsample;
    }

    /** The log density of the value, without scale or mask, of shape broadcast(value batch, batch shape). */
    public Tensor logProb() {
        if (logProb == null) {
            if (!hasLogProb()) {
                throw new IllegalStateException("site '" + name + "' is a " + type + " site: it has no log density");
            }
            logProb = distribution.logProb(tensorValue());
        }
        return logProb;
    }

    /** The log density with the mask applied (0 where masked out) and multiplied by the scale. */
    public Tensor scaledLogProb() {
        if (scaledLogProb == null) {
            Tensor lp = logProb();
            if (mask != null) {
                // where(), not multiplication: a masked-out -inf or NaN must become exactly 0.
                lp = Tensor.where(mask, lp, lp.zerosLike());
            }
            if (scale != null) {
                lp = lp.mul(scale.castTo(lp.dtype()));
            }
            scaledLogProb = lp;
        }
        return scaledLogProb;
    }

    /** The sum of {@link #scaledLogProb()}: this site's term of the log joint (a scalar). */
    public Tensor logProbSum() {
        return scaledLogProb().sum();
    }

    /** True once {@link #logProb()} has been computed. */
    public boolean logProbComputed() {
        return logProb != null;
    }

    /** Forgets cached log densities (after a handler changes the value or the distribution). */
    public void clearLogProb() {
        logProb = null;
        scaledLogProb = null;
    }

    /** The plates as text, innermost first, e.g. {@code [data(dim -1, size 3)]}. */
    public String describePlates() {
        return frames.toString();
    }

    /** {@code " in plates [...]"} or an empty string, for error messages. */
    String platesSuffix() {
        return frames.isEmpty() ? "" : " in plates " + frames;
    }

    /** The shape of the distribution's batch and event, as {@code [3] | [2]}. */
    static String describeShape(Distribution d) {
        return "batch " + Shapes.format(d.batchShape()) + ", event " + Shapes.format(d.eventShape());
    }

    @Override
    public String toString() {
        return "Message(" + type + " '" + name + "'" + (observed ? ", observed" : "") + platesSuffix() + ")";
    }
}
