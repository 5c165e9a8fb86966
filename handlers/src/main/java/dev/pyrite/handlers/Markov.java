package dev.pyrite.handlers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Declares that a loop is a Markov chain of order {@code history}: a site at step t depends only on
 * sites of steps t - history .. t. Enumerated sites of older steps are then invisible, so the
 * {@link EnumHandler} gives their dimensions to new sites. A chain of any length needs only
 * history + 1 enumeration dimensions (libnd4j arrays have at most 32).
 *
 * <pre>{@code
 * try (Markov chain = Pyrite.markov()) {                 // history 1
 *     Tensor x = Pyrite.sample("x_0", Bernoulli.ofProbs(0.5), ENUM);
 *     for (int t : chain.range(1, 100)) {                // each t is a new step
 *         x = Pyrite.sample("x_" + t, Bernoulli.ofProbs(x.mul(0.7).add(0.2)), ENUM);
 *     }
 * }
 * }</pre>
 *
 * <p>Sites record their position as the infer option {@code "_markov"} (a list, one position per
 * enclosing chain); a site is visible while every chain it belongs to is at most {@code history} steps
 * past it.
 */
public final class Markov extends Handler<Markov> {
    /** Infer key under which sites carry their {@link Position}s. */
    public static final String INFER_KEY = "_markov";

    /** Where in which chain a site was visited. */
    public record Position(Markov chain, int step) {
        /** True while the chain has moved at most {@code history} steps past this one. */
        public boolean visible() {
            return chain.step - step <= chain.history;
        }
    }

    private final int history;
    private int step;

    Markov(int history) {
        if (history < 0) {
            throw new IllegalArgumentException("markov: history must be >= 0, got " + history);
        }
        this.history = history;
    }

    @Override
    protected void onEnter() {
        step = 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void process(Message msg) {
        if (msg.type != MessageType.SAMPLE) {
            return;
        }
        // A new immutable list each time: message copies share their infer values.
        List<Position> positions = new ArrayList<>();
        Object old = msg.infer.get(INFER_KEY);
        if (old != null) {
            positions.addAll((List<Position>) old);
        }
        positions.add(new Position(this, step));
        msg.infer.put(INFER_KEY, List.copyOf(positions));
    }

    /** Starts the next step of the chain. */
    public void step() {
        step++;
    }

    /** The current step (0 before the first {@link #step()}). */
    public int currentStep() {
        return step;
    }

    public int history() {
        return history;
    }

    /** The integers {@code 0..n-1}, each starting a new step. */
    public Iterable<Integer> range(int n) {
        return range(0, n);
    }

    /** The integers {@code from..to-1}, each starting a new step. */
    public Iterable<Integer> range(int from, int to) {
        return () -> new Iterator<>() {
            private int t = from;

            @Override
            public boolean hasNext() {
                return t < to;
            }

            @Override
            public Integer next() {
                if (t >= to) {
                    throw new NoSuchElementException();
                }
                step();
                return t++;
            }
        };
    }
}
