package dev.pyrite.handlers;

import dev.pyrite.tensor.RandomStream;

/**
 * Supplies the random numbers of every unobserved site inside it: each draw uses a stream split from
 * this handler's stream, so a site's draw depends only on the seed and on how many draws came before
 * it (observed, conditioned or replayed sites draw nothing). There is no global generator: without a seed handler, sampling a latent site is an error. The
 * innermost seed handler wins, also for sites that a {@code block} hides from it.
 *
 * <pre>{@code
 * Tensor x = Handlers.seed(42).call(() -> Pyrite.sample("x", Normal.of(0.0, 1.0)));
 * Tensor y = Handlers.seed(42).call(() -> Pyrite.sample("x", Normal.of(0.0, 1.0)));  // equal to x
 * }</pre>
 */
public final class SeedHandler extends Handler<SeedHandler> {
    private final Long seed;
    private RandomStream stream;

    SeedHandler(long seed) {
        this.seed = seed;
    }

    SeedHandler(RandomStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("seed: stream is null");
        }
        this.seed = null;
        this.stream = stream;
    }

    /** A seed number restarts its stream on every entry, so a wrapped model draws the same each call. */
    @Override
    protected void onEnter() {
        if (seed != null) {
            stream = RandomStream.of(seed);
        }
    }

    /** The stream for the next draw. */
    RandomStream nextStream() {
        return stream.split();
    }

    /** The handler's stream (its position advances by one split per draw). */
    public RandomStream stream() {
        return stream;
    }
}
