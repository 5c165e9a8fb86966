package dev.pyrite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.GradientCheck;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TensorFunction;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Activations against their closed forms, sites a network emits, and whole-network gradients. */
class NetworkTest {
    private static final double[] XS = {-3.1, -1.2, -0.4, 0.0, 0.3, 1.7, 4.2};

    private static double oracle(Activation a, double x) {
        return switch (a) {
            case IDENTITY -> x;
            case RELU -> Math.max(x, 0);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case SOFTPLUS -> Math.log1p(Math.exp(x));
            case GELU -> x * NormalDistribution.of(0, 1).cumulativeProbability(x);
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case GELU_SIGMOID -> x / (1 + Math.exp(-1.702f * x));
            case SOFTMAX -> throw new AssertionError();
        };
    }

    @Test
    void elementwiseActivationsMatchClosedForms() {
        for (Activation a : Activation.values()) {
            if (a == Activation.SOFTMAX) {
                continue;
            }
            double[] got = a.apply(Tensor.of(XS)).toDoubleArray();
            for (int i = 0; i < XS.length; i++) {
                assertEquals(oracle(a, XS[i]), got[i], 1e-14, a + "(" + XS[i] + ")");
            }
        }
        double[] soft = Activation.SOFTMAX.apply(Tensor.of(XS)).toDoubleArray();
        double z = 0;
        for (double x : XS) {
            z += Math.exp(x);
        }
        for (int i = 0; i < XS.length; i++) {
            assertEquals(Math.exp(XS[i]) / z, soft[i], 1e-15);
        }
    }

    @Test
    void priorsMakeOneLatentSitePerWeightArrayAndParamsOneParamEach() {
        Sequential net = Sequential.mlp("net", new long[]{3, 4, 2}, Activation.RELU, Activation.IDENTITY, RandomStream.of(1));
        Tensor x = Tensor.of(RandomStream.of(2).normal(5, 3));
        Trace t = Handlers.trace().getTrace(Handlers.seed(RandomStream.of(3)).wrap(
                () -> {
                    net.forward(x, WeightSites.normalPrior(1.0));
                }));
        assertEquals(List.of("net.0.weight", "net.0.bias", "net.1.weight", "net.1.bias"),
                t.sites().stream().map(m -> m.name).toList());
        assertEquals(2, t.site("net.0.weight").distribution.eventShape().length);
        ParamStore store = new ParamStore();
        try (var scope = ParamStore.scope(store)) {
            net.forward(x, WeightSites.params());
        }
        assertEquals(4, store.size());
        assertEquals(net.weights().get(0).init().toDoubleArray()[3], store.get("net.0.weight").toDoubleArray()[3], 0.0);
    }

    @Test
    void duplicateWeightNamesAreRefused() {
        Dense a = Dense.glorot("a", 2, 2, Activation.TANH, RandomStream.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequential.of(a, a));
        assertTrue(e.getMessage().contains("'a.weight'"), e.getMessage());
    }

    @Test
    void networkGradientsMatchFiniteDifferencesThroughEveryActivation() {
        RandomStream s = RandomStream.of(5);
        List<Layer> layers = new java.util.ArrayList<>();
        for (Activation a : Activation.values()) {         // one narrow layer per activation, in a chain
            layers.add(Dense.glorot(a.name().toLowerCase(), layers.isEmpty() ? 3 : 2, 2, a, s));
        }
        Sequential net = Sequential.of(layers);
        List<WeightSpec> specs = net.weights();
        INDArray[] inputs = new INDArray[specs.size() + 1];
        inputs[0] = s.normal(4, 3);
        int[] wrt = new int[specs.size() + 1];
        for (int i = 0; i < specs.size(); i++) {
            long[] shape = specs.get(i).shape();
            long[] batched = new long[shape.length + 2];    // [C = 2, 1, ...]: two chains' weights
            batched[0] = 2;
            batched[1] = 1;
            System.arraycopy(shape, 0, batched, 2, shape.length);
            inputs[i + 1] = s.normal(batched);
            wrt[i + 1] = i + 1;
        }
        TensorFunction f = in -> {
            WeightSites fromInputs = spec -> in[1 + specs.indexOf(spec)];
            return new Tensor[]{net.forward(in[0], fromInputs).square()};
        };
        GradientCheck.check("network through every activation", f, 1e-6, wrt, inputs);
    }
}
