package dev.pyrite.benchmarks;

import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.examples.LogisticRegressionDensity;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * Model B log density plus gradient for C chains stacked as a batch: (a) Pyrite's compiled traced
 * function against (b) hand-written eager ND4J with the analytic gradient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class LogDensityGradientBenchmark {
    @Param({"1", "100", "1000"})
    public int chains;

    @Param({"float64", "float32"})
    public String dtype;

    private LogisticRegressionDensity model;
    private CompiledFunction compiled;
    private INDArray q;

    @Setup
    public void setUp() {
        dev.pyrite.tensor.Backend.setFloatType(dev.pyrite.tensor.Backend.parseFloatType(dtype));
        model = LogisticRegressionDensity.load();
        compiled = CompiledFunction.withGradients(model.logJoint(), 0);
        Random r = new Random(1);
        double[] v = new double[chains * model.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.3 * r.nextGaussian();
        }
        q = Nd4j.create(v, new long[]{chains, model.dimension()}, DataType.DOUBLE)
                .castTo(dev.pyrite.tensor.Backend.floatType());
        compiled.call(q);
    }

    @Benchmark
    public INDArray[] compiledTraced() {
        return compiled.call(q);
    }

    @Benchmark
    public INDArray[] handWrittenEager() {
        return model.logJointAndGradientByHand(q);
    }
}
