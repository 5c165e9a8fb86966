package dev.pyrite.benchmarks;

import dev.pyrite.inference.mcmc.ChainDriver;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Executor;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One lock-step slot of the NUTS {@link ChainDriver} on C chains of model A, B or C (the full model
 * through handlers, traced once), with the potential on the JVM executor or in libnd4j: every chain takes one leapfrog step around one batched call of U and dU/dq,
 * then does its own tree bookkeeping in Java. Chains never wait for each other, so every chain's step
 * in a slot is useful: the time per slot divided by C is the time per useful chain-leapfrog.
 *
 * <p>The chains are in a warm-up that never ends (2^30 iterations), past the first adaptation windows,
 * so the slots mix leaves, merges, draws, dual-averaging updates and the odd step-size search round as
 * a real warm-up does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class NutsLeapfrogBenchmark {
    /** Slots run before measuring: past the first slow window (about 100 iterations of a few leaves). */
    private static final int SETUP_SLOTS = 1000;

    @Param({"A", "B", "C"})
    public String model;

    @Param({"1", "4", "64", "1000"})
    public int chains;

    @Param({"jvm", "nd4j"})
    public String executor;

    /**
     * {@code pyrite.threads} for the run: 1 keeps each call on one thread; more lets a large JVM call
     * run in blocks of chains on that many threads ({@code CompiledFunction.flatByRows}).
     */
    @Param({"1"})
    public String threads;

    private ChainDriver<?> driver;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("pyrite.threads", threads);
        Potential u = ReferenceModels.potential(model);
        driver = MCMC.nuts(u).chains(chains).warmup(1 << 30).samples(1).seed(7).dtype(DataType.DOUBLE)
                .executor(Executor.valueOf(executor.toUpperCase())).driver();
        driver.start();
        for (int i = 0; i < SETUP_SLOTS / Math.max(1, chains / 100); i++) {
            driver.slot();
        }
    }

    @Benchmark
    public boolean slot() {
        return driver.slot();
    }
}
