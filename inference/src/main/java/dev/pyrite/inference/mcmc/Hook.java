package dev.pyrite.inference.mcmc;

/**
 * Sees every iteration of an MCMC run, in order, once the slowest chain has finished it: a progress bar,
 * a CSV writer that appends draws as they come, live diagnostics. Attached with {@link McmcRun#hook};
 * a hook runs inside the iteration's step, so it must not checkpoint the run (do that between steps).
 *
 * <pre>{@code
 * run.hook(it -> log.info("iteration {}: mean step size {}", it.iteration(), it.meanStepSize()));
 * }</pre>
 */
@FunctionalInterface
public interface Hook {
    void onIteration(IterationDraws draws);

    /** An {@link McmcListener} as a hook (the app's progress bar): called with 1-based counts. */
    static Hook of(McmcListener listener) {
        return it -> listener.iteration(it.iteration() + 1, it.total(), it.warmup(), it.meanStepSize(),
                it.divergences());
    }
}
