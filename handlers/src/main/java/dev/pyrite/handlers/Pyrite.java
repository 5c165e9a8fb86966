package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The primitives a model calls. A model is any Java function that calls them; what they do is decided
 * by the handlers active on the calling thread (see {@link Handlers}).
 *
 * <pre>{@code
 * import static dev.pyrite.handlers.Pyrite.*;
 *
 * Function<Tensor, Tensor> model = y -> {
 *     Tensor mu = sample("mu", Normal.of(0.0, 10.0));
 *     Tensor sigma = param("sigma", Tensor.scalar(1.0), Constraints.POSITIVE);
 *     try (Plate data = plate("data", y.size(0))) {
 *         sample("y", Normal.of(mu, sigma), y);
 *     }
 *     return mu;
 * };
 * Trace tr = Handlers.trace().getTrace(() -> Handlers.seed(0).call(() -> model.apply(y)));
 * }</pre>
 */
public final class Pyrite {
    private Pyrite() {
    }

    /** A latent random variable. */
    public static Tensor sample(String name, Distribution distribution) {
        return sample(name, distribution, null, null);
    }

    /** A random variable observed at {@code obs} (latent when {@code obs} is null). */
    public static Tensor sample(String name, Distribution distribution, Tensor obs) {
        return sample(name, distribution, obs, null);
    }

    /** A latent random variable with inference options, e.g. {@code Map.of("enumerate", "parallel")}. */
    public static Tensor sample(String name, Distribution distribution, Map<String, ?> infer) {
        return sample(name, distribution, null, infer);
    }

    /** A random variable with an observation (or null) and inference options (or null). */
    public static Tensor sample(String name, Distribution distribution, Tensor obs, Map<String, ?> infer) {
        Message m = Message.sample(name, distribution, obs);
        if (infer != null) {
            m.infer.putAll(infer);
        }
        return HandlerStack.send(m).tensorValue();
    }

    /**
     * A latent random variable whose value is returned as the handlers left it: a {@link Tensor}, or a
     * {@link LazyValue} under {@link Handlers#lazy()} ({@link #sample} would evaluate it).
     */
    public static Object sampleValue(String name, Distribution distribution) {
        return HandlerStack.send(Message.sample(name, distribution, null)).value;
    }

    /** A stored parameter, which must already exist in the {@link ParamStore#current() current} store. */
    public static Tensor param(String name) {
        return param(name, (Supplier<Tensor>) null, null);
    }

    /** A real parameter initialised to {@code init} the first time. */
    public static Tensor param(String name, Tensor init) {
        return param(name, () -> init, null);
    }

    /** A constrained parameter initialised to {@code init} (a constrained value) the first time. */
    public static Tensor param(String name, Tensor init, Constraint constraint) {
        return param(name, () -> init, constraint);
    }

    /**
     * A constrained parameter whose initial value is computed only if the store lacks it. Unless a
     * handler supplies the value, it lives in {@link ParamStore#current()}: the store of the innermost
     * {@link ParamStore#scope} on this thread, else the global store.
     */
    public static Tensor param(String name, Supplier<Tensor> init, Constraint constraint) {
        return HandlerStack.send(Message.param(name, init, constraint)).tensorValue();
    }

    /** Enters a plate of {@code size} (use try-with-resources). */
    public static Plate plate(String name, long size) {
        return Plate.of(name, size).enter();
    }

    /** Enters a plate of {@code size} of which {@code subsampleSize} random indices are present. */
    public static Plate plate(String name, long size, long subsampleSize) {
        return Plate.of(name, size, subsampleSize).enter();
    }

    /** Enters a subsampled plate at a fixed (negative) batch dimension. */
    public static Plate plate(String name, long size, long subsampleSize, int dim) {
        return Plate.of(name, size, subsampleSize, dim).enter();
    }

    /** Enters a plate of {@code size} at a fixed (negative) batch dimension, without subsampling. */
    public static Plate plateAt(String name, long size, int dim) {
        return Plate.of(name, size, size, dim).enter();
    }

    /** Adds {@code logWeight} (broadcast by the enclosing plates) to the log joint. */
    public static void factor(String name, Tensor logWeight) {
        HandlerStack.send(Message.factor(name, logWeight));
    }

    /** Records a named function of other sites; returns {@code value}. */
    public static Tensor deterministic(String name, Tensor value) {
        if (value == null) {
            throw new IllegalArgumentException("deterministic '" + name + "': value is null");
        }
        return HandlerStack.send(Message.deterministic(name, value)).tensorValue();
    }

    /** Enters a first-order Markov chain context (use try-with-resources); see {@link Markov}. */
    public static Markov markov() {
        return markov(1);
    }

    /** Enters a Markov chain context of order {@code history}. */
    public static Markov markov(int history) {
        return new Markov(history).enter();
    }

    /** Makes {@code function} an effect: every call sends an APPLY message named {@code name}. */
    public static Effectful effectful(String name, Function<Object[], Object> function) {
        return Effectful.of(name, function);
    }
}
