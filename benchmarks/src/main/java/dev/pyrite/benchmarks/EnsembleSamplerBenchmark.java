package dev.pyrite.benchmarks;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole run (warm-up and sampling, {@link EnsembleRuns}) of NUTS, ChEES-HMC or MEADS with 64 or 512
 * chains on model B or the 100-d Gaussian: seconds per run. {@link EnsembleComparison} gives the same
 * runs' ESS per gradient and ESS per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class EnsembleSamplerBenchmark {
    @Param({"nuts", "chees", "meads"})
    public String algorithm;

    @Param({"64", "512"})
    public int chains;

    @Param({"B", "G100"})
    public String model;

    private Potential potential;
    private long seed;

    @Setup
    public void setUp() {
        potential = EnsembleRuns.potential(model);
    }

    @Benchmark
    public McmcSamples run() {
        return EnsembleRuns.run(algorithm, potential, chains, seed++);
    }
}
