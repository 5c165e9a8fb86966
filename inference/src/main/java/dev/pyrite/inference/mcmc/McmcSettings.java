package dev.pyrite.inference.mcmc;

/**
 * An MCMC run's settings as plain data, written into a checkpoint's metadata ({@code checkpoint.json})
 * and read back to rebuild the run ({@link MCMC#of}). Stopping-rule targets are null when unset.
 *
 * @param algorithm        {@code "nuts"} or {@code "hmc"}
 * @param trajectoryLength HMC's trajectory length (0 for NUTS)
 * @param initialPositions {@code [chains][D]} starting points, or null for uniform(-2, 2)
 * @param dtype            ND4J data type name of the potential's program
 * @param executor         {@link dev.pyrite.tensor.Executor} name
 * @param roundIterations  sampling iterations between two checks of the stopping rule
 * @param superchains      K superchains for the stopping rule's nested R-hat, or 0 for split R-hat (a
 *                         checkpoint written before this setting existed reads as 0)
 */
public record McmcSettings(String algorithm, int maxTreeDepth, double trajectoryLength, int chains, int warmup,
                           int samples, long seed, double targetAccept, boolean denseMass,
                           double[][] initialPositions, String dtype, String executor, Double untilRhat,
                           Double untilEss, int roundIterations, int superchains) {
}
