package dev.pyrite.benchmarks;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.ChainDriver;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.nn.Activation;
import dev.pyrite.nn.Sequential;
import dev.pyrite.nn.WeightSites;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.RandomStream;
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
 * A Bayesian neural network 30-50-1 (tanh, Normal(0, 1) priors on all 1601 weights, Gaussian
 * likelihood on N = 200 synthetic rows) under NUTS with C chains: {@code potentialAndGradient} is one
 * batched call of U and dU/dq for all chains (the work of one leapfrog step), {@code slot} one lock-step
 * slot of the NUTS driver (every chain one leapfrog step plus its tree bookkeeping), in warm-up.
 * Per useful chain-leapfrog: time / C.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class BnnLeapfrogBenchmark {
    static final int N = 200;

    @Param({"1", "64", "1000"})
    public int chains;

    @Param({"jvm", "nd4j"})
    public String executor;

    private FlatProgram program;
    private double[] q;
    private ChainDriver<?> driver;

    /** The BNN model on synthetic data: y = sin(x . v) + noise. */
    static ModelPotential potential() {
        RandomStream s = RandomStream.of(3);
        Tensor x = Tensor.of(s.normal(N, 30));
        Tensor y = x.matmul(Tensor.of(s.normal(30)).mul(0.2)).sin().add(Tensor.of(s.normal(N)).mul(0.1));
        Sequential net = Sequential.mlp("bnn", new long[]{30, 50, 1}, Activation.TANH, Activation.IDENTITY, s);
        return ModelPotential.of(() -> {
            Tensor f = net.forward(x, WeightSites.normalPrior(1.0)).squeeze(-1);
            try (Plate data = Pyrite.plate("data", N)) {
                Pyrite.sample("y", Normal.of(f, Tensor.scalar(0.1)), y);
            }
        });
    }

    @Setup
    public void setUp() {
        ModelPotential u = potential();
        Executor ex = Executor.valueOf(executor.toUpperCase());
        int d = u.dimension();
        program = CompiledFunction.withGradients(in -> new Tensor[]{u.energy(in[0])}, 0)
                .using(ex).flat(DataType.DOUBLE, new long[]{chains, d});
        Random r = new Random(1);
        q = new double[chains * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.3 * r.nextGaussian();
        }
        program.run(q);
        driver = MCMC.nuts(u).chains(chains).warmup(1 << 30).samples(1).seed(7).dtype(DataType.DOUBLE)
                .executor(ex).driver();
        driver.start();
        for (int i = 0; i < 20; i++) {
            driver.slot();
        }
    }

    @Benchmark
    public double[][] potentialAndGradient() {
        return program.run(q);
    }

    @Benchmark
    public boolean slot() {
        return driver.slot();
    }
}
