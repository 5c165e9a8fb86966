package dev.pyrite.nn;

import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fully connected layer, {@code activation(x W + b)} with {@code W [in, out]} and {@code b [out]}, whose
 * weights are the sites {@code NAME.weight} and {@code NAME.bias}.
 *
 * <pre>{@code
 * Dense hidden = Dense.glorot("hidden", 30, 50, Activation.TANH, RandomStream.of(1));
 * Tensor h = hidden.forward(x, WeightSites.normalPrior(1.0));   // x [N, 30] -> [..., N, 50]
 * }</pre>
 */
public final class Dense implements Layer {
    private final String name;
    private final WeightSpec weight;
    private final WeightSpec bias;
    private final Activation activation;

    private Dense(String name, Tensor w, Tensor b, Activation activation) {
        if (w.rank() != 2 || b.rank() != 1 || b.size(0) != w.size(1)) {
            throw new IllegalArgumentException("Dense '" + name + "': expected W [in, out] and b [out], got W "
                    + java.util.Arrays.toString(w.shape()) + " and b " + java.util.Arrays.toString(b.shape()));
        }
        this.name = name;
        this.weight = new WeightSpec(name + ".weight", w.shape(), w);
        this.bias = new WeightSpec(name + ".bias", b.shape(), b);
        this.activation = activation;
    }

    /** A layer with the given initial (or trained) weights {@code w [in, out]} and {@code b [out]}. */
    public static Dense of(String name, Tensor w, Tensor b, Activation activation) {
        return new Dense(name, w, b, activation);
    }

    /**
     * A layer initialised as Glorot and Bengio (2010) suggest: W uniform on +-sqrt(6 / (in + out)), b zero;
     * drawn from {@code stream}, in the current float type ({@code Backend.floatType()}).
     */
    public static Dense glorot(String name, long in, long out, Activation activation, RandomStream stream) {
        double limit = Math.sqrt(6.0 / (in + out));
        Tensor w = Tensor.of(stream.uniform(Backend.floatType(), in, out)).mul(2 * limit).sub(limit);
        return new Dense(name, w, Tensor.zeros(out).castTo(w.dtype()), activation);
    }

    public String name() {
        return name;
    }

    public long inputSize() {
        return weight.shape()[0];
    }

    public long outputSize() {
        return weight.shape()[1];
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public Tensor forward(Tensor x, WeightSites weights) {
        Tensor w = weights.site(weight);
        Tensor b = weights.site(bias);
        return activation.apply(Linear.apply(x, w, b));
    }

    @Override
    public List<WeightSpec> weights() {
        return List.of(weight, bias);
    }

    @Override
    public SDVariable toSameDiff(SameDiff sd, SDVariable x, Map<String, INDArray> values) {
        INDArray w = values.get(weight.name());
        INDArray b = values.get(bias.name());
        SDVariable wv = sd.constant(sd.generateNewVarName(weight.name(), 0), w);
        SDVariable bv = sd.constant(sd.generateNewVarName(bias.name(), 0), b.reshape(b.size(0), 1, b.size(1)));
        return activation.apply(sd, sd.mmul(x, wv).add(bv));
    }

    @Override
    public String toString() {
        return "Dense(" + name + ", " + inputSize() + " -> " + outputSize() + ", " + activation + ")";
    }
}
