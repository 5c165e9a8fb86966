package dev.pyrite.handlers;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Factories for every handler (Pyrite's Poutine). Each returns a handler that is not yet entered: enter
 * it with try-with-resources ({@code try (TraceHandler tr = Handlers.trace().enter()) ...}) or wrap a
 * model with it ({@code Handlers.seed(0).wrap(model)}).
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(
 *         Handlers.condition(Map.of("weight", Tensor.scalar(8.23))).wrap(model));
 * double logJoint = tr.logProbSum().item();
 * }</pre>
 */
public final class Handlers {
    private Handlers() {
    }

    /** Records sites into a {@link Trace}. */
    public static TraceHandler trace() {
        return new TraceHandler();
    }

    /** Observes the named sample sites at the given values. */
    public static ConditionHandler condition(Map<String, Tensor> data) {
        return new ConditionHandler(data);
    }

    /** Observes the sample sites of {@code trace} at their values there. */
    public static ConditionHandler condition(Trace trace) {
        return new ConditionHandler(values(trace));
    }

    /** Fixes the named latent sample and param sites at the given values. */
    public static SubstituteHandler substitute(Map<String, Tensor> data) {
        Map<String, Tensor> copy = Map.copyOf(data);
        return new SubstituteHandler(m -> copy.get(m.name));
    }

    /** Fixes latent sample and param sites at values computed from the message (null: leave it). */
    public static SubstituteHandler substitute(Function<Message, Tensor> values) {
        return new SubstituteHandler(values);
    }

    /** Reuses the values of {@code trace} at latent sample sites of the same names. */
    public static ReplayHandler replay(Trace trace) {
        return new ReplayHandler(trace);
    }

    /** Hides every message from outer handlers; see {@link BlockHandler} for selective versions. */
    public static BlockHandler block() {
        return BlockHandler.hideAll();
    }

    /** Hides the messages for which {@code hidden} is true from outer handlers. */
    public static BlockHandler block(Predicate<Message> hidden) {
        return BlockHandler.hideIf(hidden);
    }

    /** Draws latent sites from streams split from {@code RandomStream.of(seed)}, restarted on each entry. */
    public static SeedHandler seed(long seed) {
        return new SeedHandler(seed);
    }

    /** Draws latent sites from streams split from {@code stream} (which advances). */
    public static SeedHandler seed(RandomStream stream) {
        return new SeedHandler(stream);
    }

    /** Multiplies log densities by {@code factor} > 0. */
    public static ScaleHandler scale(double factor) {
        return new ScaleHandler(Tensor.scalar(factor));
    }

    /** Multiplies log densities by a positive tensor that broadcasts against the sites' batch shapes. */
    public static ScaleHandler scale(Tensor factor) {
        return new ScaleHandler(factor);
    }

    /** Zeroes log densities where the BOOL {@code mask} is false. */
    public static MaskHandler mask(Tensor mask) {
        return new MaskHandler(mask);
    }

    /** Keeps ({@code true}) or zeroes ({@code false}) every log density. */
    public static MaskHandler mask(boolean keep) {
        return new MaskHandler(Tensor.of(org.nd4j.linalg.factory.Nd4j.scalar(keep)));
    }

    /** Draws observed sites instead of scoring them. */
    public static UnconditionHandler uncondition() {
        return new UnconditionHandler();
    }

    /** Intervenes (Pearl's do-operator) on the named sample sites; see {@link DoHandler}. */
    public static DoHandler intervene(Map<String, Tensor> data) {
        return new DoHandler(data);
    }

    /** Adds inference options computed from each SAMPLE and PARAM message. */
    public static InferConfigHandler inferConfig(Function<Message, Map<String, ?>> config) {
        return new InferConfigHandler(config);
    }

    /** Makes every parameter a sample site from {@code prior}. */
    public static LiftHandler lift(Distribution prior) {
        return new LiftHandler(name -> prior);
    }

    /** Makes the named parameters sample sites from their priors; other parameters stay parameters. */
    public static LiftHandler lift(Map<String, Distribution> priors) {
        Map<String, Distribution> copy = Map.copyOf(priors);
        return new LiftHandler(copy::get);
    }

    /** Sequential enumeration over the partial traces in {@code queue}; see {@link QueueHandler}. */
    public static QueueHandler queue(Queue<Trace> queue) {
        return new QueueHandler(queue, 1_000_000);
    }

    /** Sequential enumeration that gives up after {@code maxTries} abandoned runs per call. */
    public static QueueHandler queue(Queue<Trace> queue, int maxTries) {
        return new QueueHandler(queue, maxTries);
    }

    /** Parallel enumeration into dimensions {@code firstAvailableDim, firstAvailableDim - 1, ...}. */
    public static EnumHandler enumerate(int firstAvailableDim) {
        return new EnumHandler(firstAvailableDim);
    }

    /** A Markov chain context of order {@code history}, not yet entered (models use {@code Pyrite.markov}). */
    public static Markov markov(int history) {
        return new Markov(history);
    }

    /** Defers latent samples and effectful calls; see {@link LazyHandler}. */
    public static LazyHandler lazy() {
        return new LazyHandler();
    }

    private static Map<String, Tensor> values(Trace trace) {
        Map<String, Tensor> out = new HashMap<>();
        for (Message m : trace.sites(m -> m.type == MessageType.SAMPLE && !m.isSubsample())) {
            out.put(m.name, m.tensorValue());
        }
        return out;
    }
}
