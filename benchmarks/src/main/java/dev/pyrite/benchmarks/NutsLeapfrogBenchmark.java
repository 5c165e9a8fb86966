package dev.pyrite.benchmarks;

import dev.pyrite.examples.LogisticRegressionModel;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.ChainState;
import dev.pyrite.inference.mcmc.Kernel;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.NutsKernel;
import dev.pyrite.tensor.RandomStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * One NUTS transition of C chains of model B (the full model through handlers, traced once), at an
 * adapted step size and metric. The secondary metric {@code leapfrogs} is the time per lock-step
 * leapfrog step (one compiled call for all C chains).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class NutsLeapfrogBenchmark {
    @Param({"1", "10", "100", "1000", "10000"})
    public int chains;

    private NutsKernel kernel;
    private ChainState state;
    private INDArray step;
    private INDArray invMass;
    private INDArray scale;
    private List<RandomStream> streams;

    @Setup(Level.Trial)
    public void setUp() {
        ModelPotential u = ModelPotential.of(LogisticRegressionModel.load());
        int d = u.dimension();
        kernel = new NutsKernel(u, 10);
        streams = RandomStream.of(7).split(chains);
        // Posterior sds of model B are about 0.11-0.16: a metric and step size like those warm-up finds.
        invMass = Nd4j.valueArrayOf(new long[]{chains, d}, 0.015, DataType.DOUBLE);
        scale = Nd4j.valueArrayOf(new long[]{chains, d}, 1 / Math.sqrt(0.015), DataType.DOUBLE);
        step = Nd4j.valueArrayOf(new long[]{chains}, 0.6, DataType.DOUBLE);
        INDArray q = Nd4j.zeros(DataType.DOUBLE, chains, d);
        state = MCMC.stateAt(u, q);
        for (int i = 0; i < 20; i++) {
            state = kernel.transition(state, step, invMass, scale, streams).state();
        }
    }

    /** Lock-step leapfrog steps, reported by JMH as a second time-per-operation figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long leapfrogs;

        @Setup(Level.Iteration)
        public void reset() {
            leapfrogs = 0;
        }
    }

    @Benchmark
    public ChainState transition(Counters counters) {
        Kernel.Transition t = kernel.transition(state, step, invMass, scale, streams);
        state = t.state();
        counters.leapfrogs += (long) t.stats().leapfrogs().maxNumber().doubleValue();
        return state;
    }
}
