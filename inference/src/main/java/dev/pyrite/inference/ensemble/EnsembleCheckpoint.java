package dev.pyrite.inference.ensemble;

/**
 * An ensemble checkpoint's metadata ({@code checkpoint.json}, next to {@code state.bin}): the settings that
 * rebuild the run, and where it stood, for people and tools to read without the state.
 *
 * @param formatVersion {@link EnsembleRun#FORMAT_VERSION} of the writer
 * @param iteration     iterations every chain had finished (warm-up and sampling counted together)
 * @param dimension     D, the potential's number of unconstrained coordinates
 */
public record EnsembleCheckpoint(int formatVersion, EnsembleRunSettings settings, int iteration, int dimension,
                                 int chains) {
}
