package dev.pyrite.app;

import java.time.Duration;

/**
 * When a run writes a checkpoint between its steps: every {@code every} iterations, or, with
 * {@code every = 0}, whenever {@code interval} has passed since the last one (steps take from microseconds
 * to minutes, so a count fits one model and not another).
 */
record CheckpointSchedule(int every, Duration interval) {
    /** At least every 30 s, the default of {@code --checkpoint-every 0}. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** {@code --checkpoint-every N}: every N iterations, or by time when N is 0. */
    static CheckpointSchedule of(int every) {
        return new CheckpointSchedule(every, DEFAULT_INTERVAL);
    }

    /**
     * Whether a checkpoint is due after iteration count {@code iteration}.
     *
     * @param lastIteration the iteration count of the last checkpoint (or of the start)
     * @param sinceLast     time since the last checkpoint (or the start)
     */
    boolean due(int iteration, int lastIteration, Duration sinceLast) {
        if (iteration == lastIteration) {
            return false;
        }
        return every > 0 ? iteration % every == 0 : sinceLast.compareTo(interval) >= 0;
    }
}
