package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Executor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ensemble run's settings as plain data, written into a checkpoint's metadata ({@code checkpoint.json})
 * and read back to rebuild the run ({@link #start}). What applies to one algorithm only is null for the
 * other; stopping-rule targets are null when unset.
 *
 * @param algorithm        {@code "chees"} or {@code "meads"}
 * @param targetAccept     ChEES's harmonic-mean acceptance target (null for MEADS)
 * @param learningRate     ChEES's Adam learning rate on the log trajectory length (null for MEADS)
 * @param maxLeapfrogs     ChEES's most leapfrogs per iteration (null for MEADS)
 * @param initialPositions {@code [chains][D]} starting points, or null for uniform(-2, 2)
 * @param dtype            ND4J data type name of the potential's program
 * @param executor         {@link Executor} name
 * @param superchains      K superchains for the stopping rule's nested R-hat, or 0 (split R-hat)
 * @param roundIterations  sampling iterations between two checks of the stopping rule
 */
public record EnsembleRunSettings(String algorithm, int chains, int warmup, int samples, long seed,
                                  Double targetAccept, Double learningRate, Integer maxLeapfrogs,
                                  double[][] initialPositions, String dtype, String executor, Double untilRhat,
                                  Double untilEss, int superchains, int roundIterations) {

    /** The stopping rule these settings describe ({@link ConvergenceTargets#NONE} without targets). */
    public ConvergenceTargets targets() {
        return new ConvergenceTargets(untilRhat == null ? Double.NaN : untilRhat,
                untilEss == null ? Double.NaN : untilEss, superchains);
    }

    /** A run with these settings on {@code potential}, not yet stepped. */
    public EnsembleRun start(Potential potential) {
        return switch (algorithm) {
            case "chees" -> {
                ChEES b = ChEES.of(potential).chains(chains).warmup(warmup).samples(samples).seed(seed)
                        .targetAccept(targetAccept).learningRate(learningRate).maxLeapfrogs(maxLeapfrogs)
                        .dtype(DataType.valueOf(dtype)).executor(Executor.valueOf(executor)).stopWhen(targets())
                        .roundIterations(roundIterations);
                if (initialPositions != null) {
                    b.initialPositions(Nd4j.create(initialPositions));
                }
                yield b.start();
            }
            case "meads" -> {
                MEADS b = MEADS.of(potential).chains(chains).warmup(warmup).samples(samples).seed(seed)
                        .dtype(DataType.valueOf(dtype)).executor(Executor.valueOf(executor)).stopWhen(targets())
                        .roundIterations(roundIterations);
                if (initialPositions != null) {
                    b.initialPositions(Nd4j.create(initialPositions));
                }
                yield b.start();
            }
            default -> throw new IllegalArgumentException("ensemble settings: algorithm must be chees or meads, got '"
                    + algorithm + "'");
        };
    }
}
