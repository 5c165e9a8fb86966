package dev.pyrite.benchmarks;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.examples.DirichletHmm;
import dev.pyrite.examples.ProjectFiles;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.CompiledFunction;
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
 * The potential and its gradient (hidden states summed out) of the HMM of {@code examples/hmm.clj} at
 * T = 200, as NUTS calls it: the model file, whose {@code loop} compiles to one vectorised Markov chain,
 * against the same model in Java ({@link DirichletHmm}), side by side in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class HmmLoopBenchmark {
    @Param({"foppl", "java"})
    public String model;

    @Param({"1", "4"})
    public int chains;

    private FlatProgram program;
    private double[] q;

    @Setup
    public void setUp() {
        ModelPotential u = ModelPotential.of(model.equals("java") ? DirichletHmm.load(200).model()
                : FopplProgram.load(ProjectFiles.find("examples/hmm.clj")).model());
        int d = u.dimension();
        program = CompiledFunction.withGradients(in -> new Tensor[]{u.energy(in[0])}, 0)
                .flat(DataType.DOUBLE, new long[]{chains, d});
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
