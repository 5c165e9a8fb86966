package dev.pyrite.nn;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers applied one after the other.
 *
 * <pre>{@code
 * Sequential net = Sequential.mlp("net", new long[]{30, 50, 1}, Activation.TANH, Activation.IDENTITY, RandomStream.of(0));
 * Runnable bnn = () -> {
 *     Tensor f = net.forward(x, WeightSites.normalPrior(1.0)).squeeze(-1);   // [..., N]
 *     try (Plate data = Pyrite.plate("data", x.size(0))) {
 *         Pyrite.sample("y", Normal.of(f, Tensor.scalar(0.1)), y);
 *     }
 * };
 * }</pre>
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    private Sequential(List<Layer> layers) {
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            for (WeightSpec w : l.weights()) {
                if (!names.add(w.name())) {
                    throw new IllegalArgumentException("Sequential: two weights are named '" + w.name()
                            + "'; give every layer its own name");
                }
            }
        }
        this.layers = List.copyOf(layers);
    }

    public static Sequential of(Layer... layers) {
        return new Sequential(List.of(layers));
    }

    public static Sequential of(List<? extends Layer> layers) {
        return new Sequential(new ArrayList<>(layers));
    }

    /**
     * A multilayer perceptron with layer sizes {@code sizes} (input first), {@code hidden} after every
     * layer but the last and {@code output} after the last, Glorot-initialised from {@code stream}; layer
     * {@code i} is named {@code PREFIX.i}.
     */
    public static Sequential mlp(String prefix, long[] sizes, Activation hidden, Activation output, RandomStream stream) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("Sequential.mlp: sizes needs the input and at least one layer, got "
                    + sizes.length + " sizes");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(Dense.glorot(prefix + "." + i, sizes[i], sizes[i + 1],
                    i + 2 == sizes.length ? output : hidden, stream));
        }
        return new Sequential(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor x, WeightSites weights) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h, weights);
        }
        return h;
    }

    @Override
    public List<WeightSpec> weights() {
        List<WeightSpec> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.weights());
        }
        return out;
    }

    @Override
    public SDVariable toSameDiff(SameDiff sd, SDVariable x, Map<String, INDArray> values) {
        SDVariable h = x;
        for (Layer l : layers) {
            h = l.toSameDiff(sd, h, values);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
