package dev.pyrite.benchmarks;

import dev.pyrite.examples.DiscreteHmm;
import dev.pyrite.tensor.CompiledFunction;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model D (discrete HMM, 50 sequences x 200 steps, 4 states, 10 symbols): the marginal log-likelihood
 * with every hidden state enumerated, plus its gradient in the 16 transition and 40 emission logits, as
 * one compiled call (TraceEnum with the vectorised Markov chain contracted by a parallel scan). Peers on
 * the reference machine: Pyro TraceEnum_ELBO 407 ms, a hand-written PyTorch forward algorithm 29 ms.
 * Run with {@code OMP_NUM_THREADS=1 java -jar benchmarks/target/benchmarks.jar HmmLogLikelihoodBenchmark}.
 *
 * <p>Latest: 20.5 ± 1.8 ms per call, one OpenMP thread, the project's 2-core VM under load average 3-4
 * (2026-11-22; see benchmarks/RESULTS.md, section 4).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class HmmLogLikelihoodBenchmark {
    private CompiledFunction compiled;
    private INDArray trans;
    private INDArray emit;

    @Setup
    public void setUp() {
        DiscreteHmm hmm = DiscreteHmm.load();
        compiled = hmm.logLikelihoodWithGradient();
        trans = hmm.trueTransitionLogits();
        emit = hmm.trueEmissionLogits();
        compiled.call(trans, emit);
    }

    @Benchmark
    public INDArray[] logLikelihoodAndGradient() {
        return compiled.call(trans, emit);
    }
}
