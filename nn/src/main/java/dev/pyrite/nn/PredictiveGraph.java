package dev.pyrite.nn;

import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted network's posterior predictive as a plain SameDiff graph: the network's output for each of S
 * posterior draws of its weights (from MCMC, or sampled from an SVI guide), and their average. The graph
 * holds only standard SameDiff ops and the draws as constants, so DL4J/SameDiff code with no Pyrite on
 * its classpath runs it after {@code SameDiff.fromFlatFile(file)}:
 * <pre>{@code
 * PredictiveGraph g = PredictiveGraph.of(net, draws);          // draws: site name -> [S, ...weight shape]
 * g.write(Path.of("bnn.fb"));
 * // elsewhere, DL4J only:
 * SameDiff sd = SameDiff.fromFlatFile(new File("bnn.fb"));
 * INDArray mean = sd.output(Map.of("input", x), "mean").get("mean");   // x [N, in] -> [N, out]
 * }</pre>
 * Inputs and outputs ({@link #INPUT}, {@link #DRAWS}, {@link #MEAN}): {@code input [N, in]} for any N,
 * {@code draws [S, N, out]} (the network's output under each draw; add the likelihood's noise to get
 * predictive draws of the data), {@code mean [N, out]}. Weights missing from the draws keep their
 * initial values (fixed weights). The dtype is that of the draws.
 */
public final class PredictiveGraph {
    public static final String INPUT = "input";
    public static final String DRAWS = "draws";
    public static final String MEAN = "mean";

    private final SameDiff sameDiff;
    private final int numDraws;

    private PredictiveGraph(SameDiff sameDiff, int numDraws) {
        this.sameDiff = sameDiff;
        this.numDraws = numDraws;
    }

    /**
     * The graph for {@code net} over {@code draws}: each entry a weight's site name and its draws, any
     * array whose entries are S draws of the weight in C order (so {@code Posterior.site(name)}
     * {@code [chains, draws, ...]}, MCMC's padded {@code [chains, draws, 1, in, out]} and an autoguide's
     * {@code sample(S, stream)} all work as they are).
     */
    public static PredictiveGraph of(Layer net, Map<String, ?> draws) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        int s = -1;
        DataType dtype = null;
        for (WeightSpec spec : net.weights()) {
            Object d = draws.get(spec.name());
            if (d == null) {
                continue;
            }
            INDArray a = d instanceof Tensor t ? t.array() : (INDArray) d;
            if (a.length() % spec.size() != 0) {
                throw new IllegalArgumentException("PredictiveGraph: draws of '" + spec.name() + "' have "
                        + a.length() + " entries, not a multiple of the weight's " + spec.size() + " " + spec);
            }
            int n = (int) (a.length() / spec.size());
            if (s >= 0 && n != s) {
                throw new IllegalArgumentException("PredictiveGraph: '" + spec.name() + "' has " + n
                        + " draws, the other weights " + s);
            }
            s = n;
            dtype = a.dataType();
            values.put(spec.name(), a.dup('c').reshape(concat(n, spec.shape())));
        }
        if (s < 0) {
            throw new IllegalArgumentException("PredictiveGraph: no draws of any weight of the network; its weights are "
                    + net.weights() + ", the draws " + draws.keySet());
        }
        Map<String, INDArray> all = new HashMap<>(values);
        for (WeightSpec spec : net.weights()) {
            if (!all.containsKey(spec.name())) {
                INDArray init = spec.init().array().castTo(dtype);
                all.put(spec.name(), init.reshape(concat(1, spec.shape())).repeat(0, s));
            }
        }
        long in = net.weights().get(0).shape()[0];
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, dtype, -1, in);
        SDVariable xs = sd.tile(sd.expandDims(x, 0), s, 1, 1);
        SDVariable out = net.toSameDiff(sd, xs, all);
        SDVariable drawsOut = sd.identity(DRAWS, out);
        sd.mean(MEAN, drawsOut, 0);
        return new PredictiveGraph(sd, s);
    }

    /** The graph (for further ops, or {@code sd.output}). */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    public int numDraws() {
        return numDraws;
    }

    /** {@link #DRAWS} and {@link #MEAN} for inputs {@code x [N, in]}, in this JVM. */
    public Map<String, INDArray> output(INDArray x) {
        return sameDiff.output(Map.of(INPUT, x), DRAWS, MEAN);
    }

    /** Writes the graph as FlatBuffers ({@code SameDiff.asFlatFile}), read back by {@code SameDiff.fromFlatFile}. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        sameDiff.asFlatFile(file.toFile());
    }

    private static long[] concat(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
