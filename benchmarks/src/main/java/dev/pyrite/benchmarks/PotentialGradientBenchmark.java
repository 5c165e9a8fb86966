package dev.pyrite.benchmarks;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.Tensor;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
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
 * The potential and its gradient for C chains of model A (eight schools), B (logistic regression) or
 * C (Gaussian mixture), through the handlers, traced once, as the samplers call it ({@link FlatProgram} on flat arrays): the
 * JVM executor against libnd4j's lean replay, side by side in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PotentialGradientBenchmark {
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

    private FlatProgram program;
    private double[] q;

    @Setup
    public void setUp() {
        System.setProperty("pyrite.threads", threads);
        ModelPotential u = ReferenceModels.potential(model);
        int d = u.dimension();
        program = CompiledFunction.withGradients(in -> new Tensor[]{u.energy(in[0])}, 0)
                .using(Executor.valueOf(executor.toUpperCase()))
                .flatByRows(DataType.DOUBLE, new long[]{chains, d});
        Random r = new Random(1);
        q = new double[chains * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.3 * r.nextGaussian();
        }
        program.run(q);
    }

    @Benchmark
    public double[][] potentialAndGradient() {
        return program.run(q);
    }
}
