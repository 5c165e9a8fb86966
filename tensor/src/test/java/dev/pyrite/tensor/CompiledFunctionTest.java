package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CompiledFunctionTest {
    private final Random random = new Random(3);

    private INDArray normal(long... shape) {
        double[] v = new double[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    /** A small model-like function mixing most op kinds, per chain (rows of q). */
    private static final TensorFunction MODEL = in -> {
        Tensor q = in[0];                     // [C, 4]
        Tensor data = in[1];                  // [N]
        Tensor loc = q.select(1, 0).unsqueeze(1);
        Tensor scale = q.select(1, 1).exp().unsqueeze(1);
        Tensor z = data.sub(loc).div(scale);
        Tensor lik = z.square().mul(-0.5).sub(scale.log()).sum(false, 1);
        Tensor mix = q.slice(1, 2, 4).logSoftmax(1).logSumExp(1, false);
        Tensor prior = q.softplus().lgamma().sum(false, 1);
        return new Tensor[]{lik.add(mix).add(prior)};
    };

    @Test
    void leanReplayEqualsSameDiffExecutorAndEagerOnRandomInputs() {
        CompiledFunction f = CompiledFunction.withGradients(MODEL, 0);
        for (int trial = 0; trial < 5; trial++) {
            INDArray q = normal(7, 4);
            INDArray data = normal(11);
            INDArray[] lean = f.call(q, data);
            INDArray[] ref = f.callWithSameDiff(q, data);
            Tensor eager = MODEL.apply(new Tensor[]{Tensor.of(q), Tensor.of(data)})[0];
            // The JVM executor's lgamma and summation order may differ from libnd4j's in the last bits.
            assertArrayEquals(eager.toDoubleArray(), lean[0].toDoubleVector(), 1e-10);
            for (int i = 0; i < lean.length; i++) {
                assertArrayEquals(ref[i].reshape(ref[i].length()).toDoubleVector(),
                        lean[i].reshape(lean[i].length()).toDoubleVector(), 1e-10);
            }
        }
        assertEquals(1, f.traceCount(), "one signature, traced once");
        f.call(normal(3, 4), normal(11));
        assertEquals(2, f.traceCount(), "a new shape traces a new program");
    }

    @Test
    void gradientOfEachChainDependsOnlyOnItsOwnRow() {
        CompiledFunction f = CompiledFunction.withGradients(MODEL, 0);
        INDArray q = normal(5, 4);
        INDArray data = normal(11);
        INDArray all = f.call(q, data)[1].dup();
        INDArray one = f.call(q.getRow(2, true).dup(), data)[1];
        assertArrayEquals(one.toDoubleVector(), all.getRow(2).toDoubleVector(), 1e-12);
    }

    @Test
    void hundredThousandCallsKeepResidentMemoryFlat() throws Exception {
        // A fresh JVM with a fixed, pre-touched heap: Java garbage cannot move its RSS, native leaks can.
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ReplayMemoryProbe.class.getName(), "100000")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        String line = out.lines().filter(l -> l.startsWith("rss ")).findFirst().orElseThrow();
        String[] parts = line.split(" ");
        long growthKb = Long.parseLong(parts[2]) - Long.parseLong(parts[1]);
        // Every buffer is allocated at trace time. A leak of even 1 KiB per call would add ~90 MiB here;
        // the allowance covers JIT code cache and allocator noise.
        assertTrue(growthKb < 32 * 1024, "RSS grew by " + growthKb + " kB over 90,000 calls: " + line);
        long nativeBefore = Pointer.totalBytes();
        CompiledFunction f = CompiledFunction.withGradients(MODEL, 0);
        INDArray q = normal(100, 4);
        INDArray data = normal(50);
        f.call(q, data);
        long afterTrace = Pointer.totalBytes();
        for (int i = 0; i < 1000; i++) {
            f.call(q, data);
        }
        assertTrue(Pointer.totalBytes() - afterTrace < 1 << 16, "calls allocated tracked native memory");
        assertTrue(afterTrace >= nativeBefore);
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
