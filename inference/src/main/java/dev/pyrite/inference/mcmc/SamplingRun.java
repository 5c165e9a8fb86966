package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.program.Element;
import java.nio.file.Path;

/**
 * A sampling run that a driver steps by hand and checkpoints between steps: NUTS and HMC ({@link McmcRun})
 * and the ensemble samplers ({@code EnsembleRun}) alike, so that one loop writes the checkpoints, the hooks
 * stream the draws, and a resumed run continues bit for bit.
 *
 * <pre>{@code
 * SamplingRun run = MCMC.nuts(potential).seed(1).start();     // or ChEES.of(potential).start()
 * run.hook(it -> csv.append(it));
 * while (!run.step()) {
 *     if (run.iteration() % 100 == 0) run.checkpoint(dir);
 * }
 * McmcSamples s = run.samples();
 * }</pre>
 */
public interface SamplingRun {
    /**
     * Runs the program's next {@code CALL} (initialisation, or one iteration of every chain).
     *
     * @return whether the run has finished
     */
    boolean step();

    /** Whether the program has run to its end. */
    boolean finished();

    /** Iterations (warm-up and sampling) that every chain has finished. */
    int iteration();

    /** The draws so far, with why sampling stopped ({@link StopReason#UNFINISHED} before the end). */
    McmcSamples samples();

    /** Adds a hook, called after every iteration (warm-up included) in the order hooks were added. */
    SamplingRun hook(Hook h);

    /** Writes the run's whole state into {@code dir}, from which its {@code resume} continues; call between steps. */
    void checkpoint(Path dir);

    /** Steps to the end and returns the samples. */
    default McmcSamples run() {
        while (!step()) {
            // one CALL per step
        }
        return samples();
    }

    /** The step program this run steps. */
    Element program();
}
