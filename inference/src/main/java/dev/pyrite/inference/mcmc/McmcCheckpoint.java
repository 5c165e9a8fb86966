package dev.pyrite.inference.mcmc;

/**
 * A checkpoint's metadata ({@code checkpoint.json}, written with Jackson next to {@code state.bin}): the
 * settings that rebuild the run, and where it stood, for people and tools to read without the state.
 *
 * @param formatVersion {@link McmcRun#FORMAT_VERSION} of the writer
 * @param iteration     iterations every chain had finished (warm-up and sampling counted together)
 * @param dimension     D, the potential's number of unconstrained coordinates
 */
public record McmcCheckpoint(int formatVersion, McmcSettings settings, int iteration, int dimension, int chains) {
}
