package dev.pyrite.inference.mcmc;

import java.nio.file.Path;

/**
 * The child JVM of {@link McmcKillResumeTest}: runs a NUTS run on {@link GaussianRuns} and checkpoints it
 * into a folder every few iterations until the parent kills it. From iteration {@code slowFrom} on, each
 * iteration sleeps a little (a hook: the draws do not change), so that the parent's kill lands while
 * the run is still in the phase under test.
 *
 * <p>Arguments: folder, seed, warm-up, samples, checkpoint every k iterations, slowFrom.
 */
public final class CheckpointingRunMain {
    private CheckpointingRunMain() {
    }

    static MCMC sampler(long seed, int warmup, int samples) {
        return GaussianRuns.sampler("nuts").chains(3).warmup(warmup).samples(samples).seed(seed);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int samples = Integer.parseInt(args[3]);
        int every = Integer.parseInt(args[4]);
        int slowFrom = Integer.parseInt(args[5]);
        McmcRun run = sampler(seed, warmup, samples).start();
        run.hook(it -> {
            if (it.iteration() >= slowFrom) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        while (!run.step()) {
            if (run.iteration() % every == 0) {
                run.checkpoint(dir);
            }
        }
        run.checkpoint(dir);
    }
}
