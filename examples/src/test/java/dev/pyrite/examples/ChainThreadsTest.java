package dev.pyrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.ensemble.ChEES;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samplers whose batched potential runs in blocks of chains on two threads ({@code pyrite.threads=2})
 * draw exactly the bits they draw on one: every draw and statistic of a short multi-chain run on the
 * reference models A (eight schools) and B (logistic regression), for NUTS and for ChEES. Each case first
 * checks that its potential call does run in two blocks at that chain count, so the comparison is not
 * one thread against one thread.
 */
class ChainThreadsTest {
    /** Eight schools' call is cheap (about 0.1 us per chain): it is split only from about 3000 chains. */
    private static final int A_CHAINS = 4000;
    private static final int B_CHAINS = 128;

    @Test
    void nutsOnEightSchoolsDrawsTheSameOnTwoThreads() {
        ModelPotential u = ModelPotential.of(EightSchoolsModel.load());
        assertTwoBlocks(u, A_CHAINS);
        long seed = TestSeeds.seed(61);
        Supplier<McmcSamples> run = () -> MCMC.nuts(u).chains(A_CHAINS).warmup(20).samples(10).maxTreeDepth(5)
                .seed(seed).dtype(DataType.DOUBLE).executor(Executor.JVM).run();
        assertSameDraws(withThreads("1", run), withThreads("2", run), "NUTS on A");
    }

    @Test
    void nutsOnLogisticRegressionDrawsTheSameOnTwoThreads() {
        ModelPotential u = ModelPotential.of(LogisticRegressionModel.load());
        assertTwoBlocks(u, B_CHAINS);
        long seed = TestSeeds.seed(62);
        Supplier<McmcSamples> run = () -> MCMC.nuts(u).chains(B_CHAINS).warmup(10).samples(5).maxTreeDepth(4)
                .seed(seed).dtype(DataType.DOUBLE).executor(Executor.JVM).run();
        assertSameDraws(withThreads("1", run), withThreads("2", run), "NUTS on B");
    }

    @Test
    void cheesOnLogisticRegressionDrawsTheSameOnTwoThreads() {
        ModelPotential u = ModelPotential.of(LogisticRegressionModel.load());
        assertTwoBlocks(u, B_CHAINS);
        long seed = TestSeeds.seed(63);
        Supplier<McmcSamples> run = () -> ChEES.of(u).chains(B_CHAINS).warmup(10).samples(5).maxLeapfrogs(8)
                .seed(seed).dtype(DataType.DOUBLE).executor(Executor.JVM).run();
        assertSameDraws(withThreads("1", run), withThreads("2", run), "ChEES on B");
    }

    /** The samplers' call (U and dU/dq over [C, D], JVM executor) runs in two blocks with two threads. */
    private static void assertTwoBlocks(ModelPotential u, int chains) {
        FlatProgram p = withThreads("2", () -> {
            FlatProgram f = CompiledFunction.withGradients(in -> new Tensor[]{u.energy(in[0])}, 0)
                    .using(Executor.JVM).flatByRows(DataType.DOUBLE, new long[]{chains, u.dimension()});
            Random r = new Random(1);
            double[] q = new double[chains * u.dimension()];
            for (int i = 0; i < q.length; i++) {
                q[i] = r.nextGaussian();
            }
            f.run(q);
            return f;
        });
        assertEquals(2, p.blockCount(), chains + " chains of " + u.describe() + ": blocks on two threads");
    }

    private static <T> T withThreads(String threads, Supplier<T> body) {
        String before = System.getProperty("pyrite.threads");
        System.setProperty("pyrite.threads", threads);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty("pyrite.threads");
            } else {
                System.setProperty("pyrite.threads", before);
            }
        }
    }

    private static void assertSameDraws(McmcSamples one, McmcSamples two, String what) {
        same(one.draws(), two.draws(), what + ": draws");
        same(one.logDensity(), two.logDensity(), what + ": log density");
        same(one.acceptStat(), two.acceptStat(), what + ": accept stat");
        same(one.stepSize(), two.stepSize(), what + ": step size");
        same(one.treeDepth(), two.treeDepth(), what + ": tree depth");
        same(one.leapfrogs(), two.leapfrogs(), what + ": leapfrogs");
        same(one.energy(), two.energy(), what + ": energy");
        same(one.adaptedStepSize(), two.adaptedStepSize(), what + ": adapted step size");
        same(one.inverseMass(), two.inverseMass(), what + ": inverse mass");
        assertEquals(one.gradientEvaluations(), two.gradientEvaluations(), what + ": gradient evaluations");
    }

    private static void same(INDArray one, INDArray two, String what) {
        assertEquals(java.util.Arrays.toString(one.shape()), java.util.Arrays.toString(two.shape()), what + " shape");
        double[] a = one.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] b = two.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                fail(what + " differs at flat index " + i + ": one thread " + a[i] + ", two threads " + b[i]);
            }
        }
    }
}
