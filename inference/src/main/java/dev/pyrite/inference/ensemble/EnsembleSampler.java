package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.IterationDraws;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.state.Checkpointable;

/**
 * A sampler that moves all its chains together, one iteration at a time, each iteration around batched
 * gradient calls of every chain. {@link #run()} is {@link #init()} then {@link #step()} until done; a
 * driver may instead step it by hand and write its state (a {@link Checkpointable}) between steps:
 * reading that state into a sampler built with the same settings continues the run bit for bit.
 */
public interface EnsembleSampler extends Checkpointable {
    /** Draws the starting points and sets up the adaptation (once; later calls do nothing). */
    void init();

    /**
     * One iteration of every chain (warm-up or sampling).
     *
     * @return whether iterations remain
     */
    boolean step();

    /** Iterations done by every chain, warm-up included. */
    int iteration();

    /** Runs every remaining iteration and returns the draws after warm-up. */
    McmcSamples run();

    /** The draws so far, as {@link McmcSamples} (after the last iteration: the run's samples). */
    McmcSamples samples();

    /** Draws kept so far per chain: the iterations after warm-up. */
    int drawCount();

    /** Draws {@code 0 .. n-1} of coordinate {@code d} as {@code [chain][draw]}, for a stopping rule. */
    double[][] coordinate(int d, int n);

    /**
     * Every chain's last iteration (position, log density, statistics, step size), for hooks that see a run
     * iteration by iteration ({@link EnsembleRun}); null before the first.
     */
    IterationDraws lastIteration();
}
