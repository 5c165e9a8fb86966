package dev.pyrite.inference.svi;

/**
 * What an SVI checkpoint folder's {@code checkpoint.json} says: its format and version, the run's length
 * and progress (the last loss, null before the first step), the settings of the SVI that wrote it (checked on resume) and the printed program.
 */
public record SviCheckpointInfo(String format, int version, int steps, int completed, Double lastLoss,
                                String settings, String program) {
}
