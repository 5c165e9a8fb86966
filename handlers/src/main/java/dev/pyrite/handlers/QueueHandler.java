package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Sequential enumeration by replaying partial traces (Pyro's {@code poutine.queue}). Each call of a
 * model wrapped by this handler takes a partial trace from the queue and replays it; at the first latent
 * discrete site the partial trace does not cover, the run is abandoned and one extended partial trace
 * per value of that site's support is put in the queue; the next partial trace is then tried, until a run
 * completes. Calling the wrapped model until the queue is empty visits every joint assignment once.
 *
 * <pre>{@code
 * Queue<Trace> queue = new ArrayDeque<>(List.of(new Trace()));
 * Supplier<Object> enumerated = Handlers.queue(queue).wrap(() -> { model.run(); return null; });
 * while (!queue.isEmpty()) {
 *     Trace tr = Handlers.trace().getTrace(enumerated);          // one complete assignment
 *     double logJoint = tr.logProbSum().item();
 * }
 * }</pre>
 *
 * <p>Only {@link #call} (and the {@code wrap}/{@code run} methods built on it) retries; entering the
 * handler directly replays one partial trace. Handlers outside the queue are {@linkplain Handler#reset()
 * reset} when a run is abandoned (up to a {@link BlockHandler} that hides the site), so a trace around
 * the queue records only the completed run. Sites of a vectorised discrete distribution are extended
 * along its {@code enumerateSupport(true)}, i.e. all its batch elements share each value, as in Pyro.
 */
public final class QueueHandler extends Handler<QueueHandler> {
    private final Queue<Trace> queue;
    private final int maxTries;
    private Trace partial = new Trace();

    QueueHandler(Queue<Trace> queue, int maxTries) {
        if (queue == null) {
            throw new IllegalArgumentException("queue: the queue of partial traces is null");
        }
        if (maxTries < 1) {
            throw new IllegalArgumentException("queue: maxTries must be >= 1, got " + maxTries);
        }
        this.queue = queue;
        this.maxTries = maxTries;
    }

    /** Thrown through the model to abandon a run at a site the partial trace does not cover. */
    private static final class Escape extends RuntimeException {
        final transient Message site;

        Escape(Message site) {
            super("escape at site '" + site.name + "'", null, false, false);
            this.site = site;
        }
    }

    @Override
    protected void process(Message msg) {
        if (msg.type != MessageType.SAMPLE || msg.observed || msg.isSubsample()) {
            return;
        }
        if (partial.contains(msg.name)) {
            msg.value = partial.site(msg.name).value;
            msg.done = true;
        } else if (msg.distribution.hasEnumerateSupport()) {
            throw new Escape(msg.copy());
        }
    }

    @Override
    public <T> T call(Supplier<T> model) {
        for (int attempt = 0; attempt < maxTries; attempt++) {
            Trace next = queue.poll();
            if (next == null) {
                throw new IllegalStateException("queue: no partial trace left to run (start the queue with an empty"
                        + " Trace, and stop calling once it is empty)");
            }
            partial = next;
            TraceHandler recorder = new TraceHandler();
            List<Handler<?>> outer = HandlerStack.handlers();
            try (TraceHandler r = recorder.enter(); QueueHandler q = enter()) {
                return model.get();
            } catch (Escape e) {
                resetOuter(outer, e.site);
                extend(recorder.trace(), e.site);
            }
        }
        throw new IllegalStateException("queue: no complete run within " + maxTries + " tries");
    }

    /** Puts one copy of {@code prefix} per support value of {@code site} (with the site added) in the queue. */
    private void extend(Trace prefix, Message site) {
        Tensor support = site.distribution.enumerateSupport(true);
        for (long k = 0; k < support.size(0); k++) {
            Trace t = prefix.copy();
            Message s = site.copy();
            s.value = support.select(0, k);
            s.done = true;
            t.add(s);
            queue.add(t);
        }
    }

    private static void resetOuter(List<Handler<?>> outer, Message site) {
        for (int i = outer.size() - 1; i >= 0; i--) {
            Handler<?> h = outer.get(i);
            h.reset();
            if (h instanceof BlockHandler b && b.hides(site)) {
                break;
            }
        }
    }

    /** The partial trace of the current (or latest) run. */
    public Trace partialTrace() {
        return partial;
    }
}
