package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.ResidentMemory;
import dev.pyrite.tensor.Tensor;

/**
 * Runs {@link MCMC} NUTS (Stan warm-up: dual averaging, diagonal mass-matrix windows; then sampling) at
 * 16 chains on a 10-dimensional Gaussian for a given number of iterations, half of them warm-up, and prints
 * a {@link ResidentMemory#checkpoint} at every tenth. Started in its own JVM by {@code HotLoopMemoryTest}.
 */
public final class NutsMemoryProbe {
    private static final int DIM = 10;
    private static final double[] PRECISION_SCALES = {1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 2.0};

    private NutsMemoryProbe() {
    }

    public static void main(String[] args) {
        int iterations = Integer.parseInt(args[0]);
        int tenth = iterations / 10;
        Potential potential = new Potential() {
            @Override
            public int dimension() {
                return DIM;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.mul(Tensor.of(PRECISION_SCALES).castTo(q.dtype())).square().sum(false, 1).mul(0.5);
            }
        };
        McmcListener checkpoints = new McmcListener() {
            @Override
            public void iteration(int done, int total, boolean warmup, double meanStepSize, long divergences) {
                if (done % tenth == 0) {
                    ResidentMemory.checkpoint(done);
                }
            }
        };
        MCMC.nuts(potential).chains(16).warmup(iterations / 2).samples(iterations - iterations / 2).seed(5)
                .listener(checkpoints).run();
    }
}
