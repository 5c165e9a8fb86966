package dev.pyrite.inference.program;

/**
 * What a {@link Spawn} runs in another process: it starts the process and, once that has ended, reads
 * back what it produced (draws and final state, serialised) into this process's run.
 */
public interface Fragment {
    /** Starts the other process and returns at once. */
    Running launch();

    /** A launched fragment. */
    interface Running {
        /** Whether the process has ended (waiting at most {@code millis}). */
        boolean finished(long millis);

        /** Reads the results back; an error names the process's exit status and its last output. */
        void collect();
    }
}
