package dev.pyrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported posterior predictive equals Pyrite's own forward pass with batched weights (in this JVM),
 * and a fresh JVM with ND4J/SameDiff but no Pyrite class on its classpath loads the FlatBuffers file and
 * computes the same mean.
 */
class PredictiveGraphTest {
    static final int S = 5;

    /** A 3-8-2 network and S "posterior draws" of its weights, in MCMC's padded shape [S, 1, ...]. */
    static Sequential net = Sequential.mlp("bnn", new long[]{3, 8, 2}, Activation.GELU, Activation.IDENTITY, RandomStream.of(2));

    static Map<String, INDArray> draws() {
        RandomStream s = RandomStream.of(8);
        Map<String, INDArray> draws = new HashMap<>();
        for (WeightSpec w : net.weights()) {
            long[] shape = new long[w.shape().length + 2];
            shape[0] = S;
            shape[1] = 1;
            System.arraycopy(w.shape(), 0, shape, 2, w.shape().length);
            draws.put(w.name(), s.normal(shape));
        }
        return draws;
    }

    @Test
    void exportedGraphEqualsThePyriteForwardPassOverTheDraws() {
        Map<String, INDArray> draws = draws();
        INDArray x = RandomStream.of(3).normal(7, 3);
        Map<String, INDArray> out = PredictiveGraph.of(net, draws).output(x);
        Tensor expected = net.forward(Tensor.of(x), spec -> Tensor.of(draws.get(spec.name())));   // [S, 7, 2]
        assertArrayEquals(new long[]{S, 7, 2}, out.get(PredictiveGraph.DRAWS).shape());
        assertArrayEquals(expected.toDoubleArray(), out.get(PredictiveGraph.DRAWS).dup().data().asDouble(), 1e-12);
        assertArrayEquals(expected.mean(false, 0).toDoubleArray(), out.get(PredictiveGraph.MEAN).dup().data().asDouble(), 1e-12);
    }

    @Test
    void freshJvmWithoutPyriteRunsTheFileWithTheSameOutputs(@TempDir Path dir) throws Exception {
        PredictiveGraph graph = PredictiveGraph.of(net, draws());
        Path file = dir.resolve("bnn.fb");
        graph.write(file);
        INDArray x = RandomStream.of(4).normal(9, 3);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.columns(); j++) {
                in.append(j > 0 ? " " : "").append(x.getDouble(i, j));
            }
            in.append('\n');
        }
        Files.writeString(dir.resolve("x.txt"), in.toString());
        Path loader = dir.resolve("PlainSameDiffLoader.java");
        try (InputStream src = getClass().getResourceAsStream("/export/PlainSameDiffLoader.java")) {
            Files.copy(src, loader);
        }
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean pyrite = e.contains("/target/classes") || e.contains("/target/test-classes") || e.contains("pyrite-");
            if (!pyrite) {
                cp.add(entry);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, cp),
                loader.toString(), file.toString(), dir.resolve("x.txt").toString(), dir.resolve("mean.txt").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(true, done, "the loader JVM did not finish: " + log);
        assertEquals(0, p.exitValue(), "the loader JVM failed: " + log);
        double[] expected = graph.output(x).get(PredictiveGraph.MEAN).dup().data().asDouble();
        double[] got = Files.readAllLines(dir.resolve("mean.txt")).stream().mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(expected, got, 1e-12, "mean in a JVM without Pyrite vs this JVM");
    }
}
