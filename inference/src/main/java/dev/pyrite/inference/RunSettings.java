package dev.pyrite.inference;

import dev.pyrite.tensor.Executor;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every setting of a run, validated once, here: the command line parses its options into one of these
 * and the Java API starts from {@link #defaults()}; every layer below reads it and checks nothing again.
 * An invalid value is refused with the option that sets it and the value expected
 * ({@code --chains must be >= 1, got 0}).
 *
 * <pre>{@code
 * RunSettings s = RunSettings.defaults().withChains(8).withSamples(2000).withSeed(42);
 * }</pre>
 *
 * @param algorithm        NUTS (default), HMC, SVI or ENUM
 * @param chains           chains, run as one batch (SVI: draws from the guide are {@code chains x samples})
 * @param warmup           MCMC warm-up iterations per chain
 * @param samples          draws kept per chain (at least 4: R-hat and ESS need them)
 * @param seed             the random seed; the same seed gives the same draws
 * @param dtype            {@code DOUBLE} (float64) or {@code FLOAT} (float32)
 * @param targetAccept     the acceptance rate step-size adaptation aims at, in (0, 1)
 * @param maxTreeDepth     NUTS: the deepest tree
 * @param denseMass        MCMC: adapt a dense mass matrix instead of a diagonal one
 * @param trajectoryLength HMC: the length of every trajectory
 * @param executor         who runs the compiled programs ({@link Executor#AUTO}: the cost model)
 * @param steps            SVI: optimisation steps
 * @param learningRate     SVI: Adam's learning rate
 * @param particles        SVI: particles of the ELBO estimate per step
 * @param checkpointEvery  iterations between checkpoints; 0: time based (at least every 30 s)
 * @param untilRhat        stop sampling once every component's rank-normalised R-hat is below this; 0: no rule
 * @param untilEss         stop sampling once every component's bulk ESS reaches this; 0: no rule
 * @param superchains      groups of chains started from one point, for nested R-hat; 0: none
 * @param init             where chains start: {@code uniform} (uniform(-2, 2) unconstrained) or {@code pathfinder}
 */
public record RunSettings(Algorithm algorithm, int chains, int warmup, int samples, long seed, DataType dtype,
                          double targetAccept, int maxTreeDepth, boolean denseMass, double trajectoryLength,
                          Executor executor, int steps, double learningRate, int particles, int checkpointEvery,
                          double untilRhat, double untilEss, int superchains, String init) {
    /** The default HMC trajectory length, a quarter period of a standard Gaussian's trajectories. */
    public static final double DEFAULT_TRAJECTORY_LENGTH = Math.PI / 2;

    /** Validates every setting (see the class comment). */
    public RunSettings {
        Objects.requireNonNull(algorithm, "--algo must be " + Algorithm.choices() + ", got null");
        atLeast("--chains", chains, 1);
        atLeast("--warmup", warmup, 0);
        if (samples < 4) {
            throw new IllegalArgumentException("--samples must be >= 4 (R-hat and ESS need them), got " + samples);
        }
        if (dtype != DataType.DOUBLE && dtype != DataType.FLOAT) {
            throw new IllegalArgumentException("--dtype must be float64 or float32, got " + dtype);
        }
        if (!(targetAccept > 0 && targetAccept < 1)) {
            throw new IllegalArgumentException("--target-accept must be in (0, 1), got " + targetAccept);
        }
        atLeast("--max-depth", maxTreeDepth, 1);
        if (!(trajectoryLength > 0 && trajectoryLength < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--trajectory-length must be > 0 and finite, got " + trajectoryLength);
        }
        Objects.requireNonNull(executor, "--executor must be jvm, nd4j or auto, got null");
        atLeast("--steps", steps, 1);
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--learning-rate must be > 0 and finite, got " + learningRate);
        }
        atLeast("--particles", particles, 1);
        atLeast("--checkpoint-every", checkpointEvery, 0);
        if (!(untilRhat == 0 || untilRhat > 1 && untilRhat < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--until-rhat must be > 1 (or 0: no rule), got " + untilRhat);
        }
        if (!(untilEss == 0 || untilEss > 0 && untilEss < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--until-ess must be > 0 (or 0: no rule), got " + untilEss);
        }
        atLeast("--superchains", superchains, 0);
        if (superchains == 1) {
            throw new IllegalArgumentException("--superchains must be >= 2 (nested R-hat compares superchains), got 1");
        }
        if (superchains > 0 && chains % superchains != 0) {
            throw new IllegalArgumentException("--superchains must divide --chains (" + chains + ") evenly, got "
                    + superchains);
        }
        if (!"uniform".equals(init) && !"pathfinder".equals(init)) {
            throw new IllegalArgumentException("--init must be uniform or pathfinder, got '" + init + "'");
        }
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
    }

    /**
     * NUTS, 4 chains x (500 warm-up + 1000 draws), seed 0, float64, target acceptance 0.8, trees up to depth
     * 10, a diagonal mass matrix, the executor of {@code pyrite.executor}; SVI 2000 steps of Adam 0.05 with
     * 4 particles; checkpoints by time, no stopping rules, no superchains, uniform initialisation.
     */
    public static RunSettings defaults() {
        return new RunSettings(Algorithm.NUTS, 4, 500, 1000, 0, DataType.DOUBLE, 0.8, 10, false,
                DEFAULT_TRAJECTORY_LENGTH, Executor.configured(), 2000, 0.05, 4, 0, 0, 0, 0, "uniform");
    }

    /** {@code float64} or {@code float32}. */
    public String dtypeName() {
        return dtype == DataType.FLOAT ? "float32" : "float64";
    }

    /** The run in words, e.g. {@code NUTS, 4 chains x (500 warm-up + 1000 draws), seed 0, float64}. */
    public String description() {
        return switch (algorithm) {
            case NUTS, HMC, DHMC, CHEES, MEADS, GIBBS -> String.format(Locale.ROOT, "%s, %d chains x (%d warm-up + %d draws), seed %d, %s",
                    algorithm.id().toUpperCase(Locale.ROOT), chains, warmup, samples, seed, dtypeName());
            case SVI -> String.format(Locale.ROOT, "SVI, AutoNormal guide, Adam %s, %d steps x %d particles, then"
                    + " %d x %d draws from the guide, seed %d, %s", learningRate, steps, particles, chains, samples,
                    seed, dtypeName());
            case ENUM -> "exact inference by parallel enumeration, " + dtypeName();
            case PATHFINDER -> String.format(Locale.ROOT, "Pathfinder, 4 paths, %d x %d draws, seed %d, %s", chains,
                    samples, seed, dtypeName());
        };
    }

    public RunSettings withAlgorithm(Algorithm v) {
        return new RunSettings(v, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withChains(int v) {
        return new RunSettings(algorithm, v, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withWarmup(int v) {
        return new RunSettings(algorithm, chains, v, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withSamples(int v) {
        return new RunSettings(algorithm, chains, warmup, v, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withSeed(long v) {
        return new RunSettings(algorithm, chains, warmup, samples, v, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withDtype(DataType v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, v, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withTargetAccept(double v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, v, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withMaxTreeDepth(int v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, v, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withDenseMass(boolean v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, v,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withTrajectoryLength(double v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                v, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss, superchains, init);
    }

    public RunSettings withExecutor(Executor v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, v, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withSteps(int v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, v, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, init);
    }

    public RunSettings withLearningRate(double v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, v, particles, checkpointEvery, untilRhat, untilEss, superchains,
                init);
    }

    public RunSettings withParticles(int v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, v, checkpointEvery, untilRhat, untilEss, superchains,
                init);
    }

    public RunSettings withCheckpointEvery(int v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, v, untilRhat, untilEss, superchains,
                init);
    }

    public RunSettings withUntilRhat(double v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, v, untilEss, superchains,
                init);
    }

    public RunSettings withUntilEss(double v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, v, superchains,
                init);
    }

    public RunSettings withSuperchains(int v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss, v,
                init);
    }

    public RunSettings withInit(String v) {
        return new RunSettings(algorithm, chains, warmup, samples, seed, dtype, targetAccept, maxTreeDepth, denseMass,
                trajectoryLength, executor, steps, learningRate, particles, checkpointEvery, untilRhat, untilEss,
                superchains, v);
    }
}
