package dev.pyrite.benchmarks;

import dev.pyrite.examples.nn.DigitsVae;
import dev.pyrite.examples.nn.TrainTestSplit;
import dev.pyrite.examples.nn.UciTable;
import dev.pyrite.examples.nn.VaeDigits;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.TraceMeanFieldELBO;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
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
 * One SVI step of {@code pyrite example vae-digits}' VAE (64-H-4 encoder, 4-H-64 decoder, Bernoulli
 * pixels, analytic KL, one particle) on a minibatch of B binarised digits: one replay of the compiled
 * loss-and-gradient program and the Adam update. The program is traced in setup. Figures in RESULTS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class VaeSviStepBenchmark {
    @Param({"120"})
    public int batch;

    @Param({"64"})
    public int hidden;

    private SVI svi;
    private Tensor x;

    @Setup
    public void setUp() {
        UciTable digits = UciTable.load("digits.csv");
        TrainTestSplit split = TrainTestSplit.of(digits.rowCount(), VaeDigits.TEST_SIZE, 0);
        double[][] train = VaeDigits.binaryImages(digits, split.train());
        x = Tensor.of(java.util.Arrays.copyOf(train, batch));
        DigitsVae vae = new DigitsVae(train.length, hidden, 4, RandomStream.of(1));
        svi = new SVI(vae::model, vae::guide, Adam.of(0.01), TraceMeanFieldELBO.of(1), new ParamStore()).seed(2);
        svi.step(x);
    }

    @Benchmark
    public double step() {
        return svi.step(x);
    }
}
