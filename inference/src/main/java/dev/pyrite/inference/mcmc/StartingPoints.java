package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;

/**
 * The search for every chain's starting point, shared by the samplers: each chain draws a candidate from
 * its own stream (by default uniform(-2, 2) on the unconstrained space, Stan's choice), all chains are
 * evaluated in one batched call, and only the chains whose potential or gradient is not finite draw again,
 * up to {@link #MAX_TRIES} times. A chain's start depends only on its own stream.
 */
public final class StartingPoints {
    /** Tries per chain before giving up. */
    public static final int MAX_TRIES = 100;

    private StartingPoints() {
    }

    /** Draws chain {@code chain}'s candidate into its row of the batch. */
    @FunctionalInterface
    public interface RowDraw {
        void draw(int chain, double[] batch);
    }

    /** Evaluates the whole batch and says which chains are not finite there. */
    @FunctionalInterface
    public interface BatchCheck {
        boolean[] notFinite(double[] batch);
    }

    /** Every coordinate of chain c's row uniform on (-2, 2), drawn from {@code streams[c]}. */
    public static RowDraw uniform(RandomStream[] streams, int dimension) {
        return (c, batch) -> {
            for (int k = 0; k < dimension; k++) {
                batch[c * dimension + k] = 4 * streams[c].uniformDouble() - 2;
            }
        };
    }

    /**
     * Fills {@code batch} with finite starting points of {@code chains} chains.
     *
     * @param sampler names the sampler in the error ({@code MCMC}, {@code DHMC}...)
     * @param what    what the coordinates are, for the error
     * @throws IllegalStateException when some chain found none in {@link #MAX_TRIES} tries
     */
    public static void search(int chains, double[] batch, RowDraw draw, BatchCheck check, String sampler, String what) {
        boolean[] redo = new boolean[chains];
        Arrays.fill(redo, true);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            for (int c = 0; c < chains; c++) {
                if (redo[c]) {
                    draw.draw(c, batch);
                }
            }
            redo = check.notFinite(batch);
            boolean any = false;
            for (boolean b : redo) {
                any |= b;
            }
            if (!any) {
                return;
            }
        }
        throw new IllegalStateException(sampler + ": no finite starting point found in " + MAX_TRIES
                + " tries on the unconstrained space of " + what + ": the log density or its gradient is not"
                + " finite there. Give initial values, or check the model's supports.");
    }
}
