package dev.pyrite.benchmarks;

import dev.pyrite.examples.LogisticRegressionModel;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.SviModel;
import dev.pyrite.inference.svi.TraceELBO;
import java.util.concurrent.TimeUnit;
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
 * Time per SVI step for model B (logistic regression, N = 1000, D = 25) with AutoNormal and Adam: one
 * replay of the compiled loss-and-gradient program (particles as a plate), fresh noise drawn from the
 * random stream, and the optimiser update of the parameter store. The program is traced in setup.
 *
 * <p>Latest figures (2-core machine shared with three other developers' builds, OMP_NUM_THREADS=1, one
 * JMH thread, float64, {@code -wi 1 -w 2 -i 3 -r 3 -f 1}; very noisy): 1 particle 3.1 ms/step
 * (+-12.5), 64 particles 7.3 ms/step (+-35.8).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class SviStepBenchmark {
    @Param({"1", "64"})
    public int particles;

    private SVI svi;

    @Setup(Level.Trial)
    public void setUp() {
        SviModel model = SviModel.of(LogisticRegressionModel.load());
        svi = new SVI(model, AutoNormal.of(model), Adam.of(0.01), TraceELBO.of(particles)).seed(1);
        svi.step();
    }

    @Benchmark
    public double step() {
        return svi.step();
    }
}
