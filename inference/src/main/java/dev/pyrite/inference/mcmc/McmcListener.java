package dev.pyrite.inference.mcmc;

/** Observes a run (a progress bar, a logger); every method has an empty default. */
public interface McmcListener {
    /** After each iteration of all chains; {@code warmup} tells the phase. */
    default void iteration(int done, int total, boolean warmup, double meanStepSize, long divergences) {
    }

    McmcListener NONE = new McmcListener() {
    };
}
