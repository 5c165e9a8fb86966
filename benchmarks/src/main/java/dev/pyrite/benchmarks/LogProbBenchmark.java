package dev.pyrite.benchmarks;

import dev.pyrite.distributions.Dirichlet;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.MultivariateNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Validation;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Eager, concrete {@code logProb} over 10^6 float64 numbers: 10^6 Normal and Gamma values, 10^6 / K
 * Dirichlet vectors of length K, and 10^6 / d MultivariateNormal vectors of dimension d (one covariance
 * shared by all). {@code validate} switches the argument and support checks on or off. Run with, e.g.,
 * {@code OMP_NUM_THREADS=1 java -jar benchmarks/target/benchmarks.jar LogProbBenchmark} and record the
 * thread count with the figures.
 *
 * <p>Short smoke run (3 x 1 s warm-up, 5 x 1 s measurement, one fork), OMP_NUM_THREADS=1, 2-core Intel
 * Xeon VM, float64, ms per call, validation off / on; the error bars were wide (off-heap buffers are
 * freed by the garbage collector), so take these as orders of magnitude:
 * <pre>
 * Normal              68 / 64     Gamma               78 / 102
 * Dirichlet (K = 10)  58 / 63     MultivariateNormal (d = 10)  108 / 111
 * </pre>
 * Each element-wise ND4J op over 10^6 float64 values costs about 5 ms here, so these are 5 to 10 ops
 * per call; MultivariateNormal multiplies by the inverse Cholesky factor, since libnd4j's triangular
 * solve took about 230 ms for 10^5 right-hand sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class LogProbBenchmark {
    static final int VALUES = 1_000_000;

    @Param({"false", "true"})
    public boolean validate;

    /** Dirichlet categories K. */
    @Param({"10"})
    public int categories;

    /** MultivariateNormal dimension d. */
    @Param({"10"})
    public int dim;

    private boolean validationBefore;
    private Distribution normal;
    private Distribution gamma;
    private Distribution dirichlet;
    private Distribution mvn;
    private Tensor reals;
    private Tensor positives;
    private Tensor simplexes;
    private Tensor vectors;

    @Setup
    public void setUp() {
        Backend.setFloatType(DataType.DOUBLE);
        validationBefore = Validation.enabled();
        Validation.setEnabled(validate);
        RandomStream stream = RandomStream.of(42);
        normal = Normal.of(0.5, 2.0);
        gamma = Gamma.of(2.5, 1.5);
        dirichlet = Dirichlet.of(Tensor.of(stream.uniform(categories)).add(0.5));
        INDArray a = stream.normal(dim, dim);
        INDArray cov = a.mmul(a.transpose()).addi(Nd4j.eye(dim).castTo(DataType.DOUBLE).muli(dim));
        mvn = MultivariateNormal.ofCovariance(Tensor.zeros(dim), Tensor.of(cov));
        reals = normal.sample(stream, VALUES);
        positives = gamma.sample(stream, VALUES);
        simplexes = dirichlet.sample(stream, VALUES / categories);
        vectors = mvn.sample(stream, VALUES / dim);
    }

    @TearDown
    public void tearDown() {
        Validation.setEnabled(validationBefore);
    }

    @Benchmark
    public INDArray normal() {
        return normal.logProb(reals).array();
    }

    @Benchmark
    public INDArray gamma() {
        return gamma.logProb(positives).array();
    }

    @Benchmark
    public INDArray dirichlet() {
        return dirichlet.logProb(simplexes).array();
    }

    @Benchmark
    public INDArray multivariateNormal() {
        return mvn.logProb(vectors).array();
    }
}
