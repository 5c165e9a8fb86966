package dev.pyrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A trained DL4J network and its import give the same outputs (float64, 1e-10), for every activation. */
class Dl4jImportTest {
    /** 4 inputs through every supported activation to a 3-way softmax, trained a few steps on random data. */
    static MultiLayerNetwork trained() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(5).activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(5).activation(org.nd4j.linalg.activations.Activation.SOFTPLUS).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(5).activation(new ActivationGELU(false)).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(5).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        RandomStream s = RandomStream.of(3);
        INDArray x = s.normal(32, 4);
        INDArray labels = Tensor.of(s.uniform(32)).mul(3).floor().castTo(DataType.LONG).oneHot(3).castTo(DataType.DOUBLE).array();
        for (int i = 0; i < 20; i++) {
            net.fit(x, labels);
        }
        return net;
    }

    @Test
    void everyActivationEqualsDl4js() {
        INDArray x = RandomStream.of(4).normal(1, 40).mul(3);
        org.nd4j.linalg.activations.IActivation[] dl4j = {
                org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction(),
                org.nd4j.linalg.activations.Activation.RELU.getActivationFunction(),
                org.nd4j.linalg.activations.Activation.TANH.getActivationFunction(),
                org.nd4j.linalg.activations.Activation.SIGMOID.getActivationFunction(),
                org.nd4j.linalg.activations.Activation.SOFTPLUS.getActivationFunction(),
                new ActivationGELU(false),
                org.nd4j.linalg.activations.Activation.SOFTMAX.getActivationFunction()};
        for (org.nd4j.linalg.activations.IActivation a : dl4j) {
            Activation ours = Dl4jImport.activation(a, "test");
            double[] expected = a.getActivation(x.dup(), false).data().asDouble();
            double[] got = ours.apply(Tensor.of(x)).toDoubleArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i], got[i], 1e-12, ours + " at x = " + x.getDouble(i));
            }
        }
    }

    @Test
    void forwardPassEqualsDl4jToFloat64Precision() {
        MultiLayerNetwork dl4j = trained();
        Sequential net = Dl4jImport.of(dl4j, "net");
        assertEquals(7, net.layers().size());
        assertEquals(Activation.GELU_SIGMOID, ((Dense) net.layers().get(4)).activation());
        INDArray x = RandomStream.of(9).normal(50, 4).mul(2);
        double[] expected = dl4j.output(x).dup().data().asDouble();
        double[] got = net.forward(Tensor.of(x), WeightSites.fixed()).toDoubleArray();
        assertEquals(expected.length, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-10, "output entry " + i);
        }
    }

    @Test
    void priorsCentredOnTheTrainedWeightsForABayesianLastLayer() {
        Sequential net = Dl4jImport.of(trained(), "net");
        Tensor x = Tensor.of(RandomStream.of(9).normal(10, 4));
        WeightSites lastLayer = WeightSites.when(w -> w.name().startsWith("net.6."),
                WeightSites.normalAroundInit(0.5), WeightSites.fixed());
        Trace t = Handlers.trace().getTrace(Handlers.seed(RandomStream.of(1)).wrap(() -> {
            net.forward(x, lastLayer);
        }));
        assertEquals(java.util.Set.of("net.6.weight", "net.6.bias"), t.names());
        dev.pyrite.distributions.Distribution prior = t.site("net.6.weight").distribution;
        Tensor trainedW = net.weights().get(12).init();
        assertArrayEquals(trainedW.toDoubleArray(), prior.mean().toDoubleArray(), 0.0, "prior mean = trained W");
    }

    @Test
    void unsupportedLayersAreNamed() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().nIn(2).nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> Dl4jImport.activation(new ActivationGELU(true), "layer 3"));
        assertTrue(g.getMessage().contains("layer 3"), g.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jImport.of(net, "n"));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("LSTM"), e.getMessage());
    }
}
