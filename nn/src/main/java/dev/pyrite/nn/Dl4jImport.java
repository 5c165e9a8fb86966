package dev.pyrite.nn;

import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DL4J {@link MultiLayerNetwork} of dense layers as a Pyrite {@link Sequential} with the same
 * forward pass: layer {@code i} becomes {@code Dense} {@code PREFIX.i} with DL4J's trained {@code W} and
 * {@code b} as its initial weights. Use it with {@link WeightSites#fixed()} (a feature extractor),
 * {@link WeightSites#normalAroundInit(double)} (priors centred on the trained weights, for fine-tuning
 * or a Bayesian last layer with {@link WeightSites#when}), or {@link WeightSites#params()}.
 *
 * <pre>{@code
 * Sequential net = Dl4jImport.of(trained, "net");
 * Tensor logits = net.forward(x, WeightSites.when(w -> w.name().startsWith("net.2."),
 *         WeightSites.normalAroundInit(0.5), WeightSites.fixed()));
 * }</pre>
 * Supported: {@code DenseLayer} and {@code OutputLayer} (the loss is ignored: the model's likelihood
 * takes its place) with identity, ReLU (plain), tanh, sigmoid, softplus, GELU (DL4J's default, sigmoid form; not {@code ActivationGELU(true)})
 * and softmax; no input preprocessors. Anything else is an error that names the layer. Dropout and
 * other training-time settings do not change DL4J's {@code output(x)}, so they are ignored.
 */
public final class Dl4jImport {
    private Dl4jImport() {
    }

    /** The network as layers {@code PREFIX.0, PREFIX.1, ...}, weights in the network's data type. */
    public static Sequential of(MultiLayerNetwork network, String prefix) {
        List<Dense> layers = new ArrayList<>();
        org.deeplearning4j.nn.api.Layer[] dl4j = network.getLayers();
        for (int i = 0; i < dl4j.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = dl4j[i].conf().getLayer();
            String where = "layer " + i + " ('" + conf.getLayerName() + "', " + conf.getClass().getSimpleName() + ")";
            if (!(conf instanceof DenseLayer) && !(conf instanceof OutputLayer)) {
                throw new IllegalArgumentException("Dl4jImport: " + where
                        + " is not supported; expected DenseLayer or OutputLayer");
            }
            INDArray w = dl4j[i].getParam("W");
            INDArray b = dl4j[i].paramTable().containsKey("b") ? dl4j[i].getParam("b")
                    : w.like().getRow(0).assign(0);
            Activation act = activation(((BaseLayer) conf).getActivationFn(), where);
            layers.add(Dense.of(prefix + "." + i, Tensor.of(w.dup('c')), Tensor.of(b.dup('c').reshape(w.size(1))), act));
        }
        if (network.getLayerWiseConfigurations().getInputPreProcessors() != null
                && !network.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            throw new IllegalArgumentException("Dl4jImport: input preprocessors are not supported, got "
                    + network.getLayerWiseConfigurations().getInputPreProcessors());
        }
        return Sequential.of(layers);
    }

    static Activation activation(IActivation a, String where) {
        if (a instanceof ActivationIdentity) {
            return Activation.IDENTITY;
        }
        if (a instanceof ActivationReLU && a.equals(new ActivationReLU())) {
            return Activation.RELU;
        }
        if (a instanceof ActivationTanH) {
            return Activation.TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return Activation.SIGMOID;
        }
        if (a instanceof ActivationSoftPlus) {
            return Activation.SOFTPLUS;
        }
        if (a instanceof ActivationGELU g && !g.isPrecise()) {
            // DL4J's "precise" GELU matches neither the exact GELU nor its tanh approximation (about 1e-4
            // off both at x = 0.3), so it is refused rather than imported with a different forward pass
            return Activation.GELU_SIGMOID;
        }
        if (a instanceof ActivationSoftmax) {
            return Activation.SOFTMAX;
        }
        throw new IllegalArgumentException("Dl4jImport: " + where + ": activation " + a
                + " is not supported; expected identity, relu, tanh, sigmoid, softplus, gelu (not precise) or softmax");
    }
}
