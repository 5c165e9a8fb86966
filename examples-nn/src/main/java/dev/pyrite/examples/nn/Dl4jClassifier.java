package dev.pyrite.examples.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The point-estimate baseline: a DL4J {@code MultiLayerNetwork} of the same shape (in-H-1, tanh, a
 * sigmoid output with cross-entropy), trained full-batch by Adam with a small L2 penalty (the MAP under
 * a Gaussian prior), in float64.
 */
public final class Dl4jClassifier {
    /** Probabilities on the test rows, and the wall-clock training time. */
    public record Fit(double[] probabilities, double trainSeconds) {
    }

    private Dl4jClassifier() {
    }

    public static Fit fit(double[][] xTrain, double[] yTrain, double[][] xTest, int hidden, int epochs, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new Adam(0.01)).l2(1e-3).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(xTrain[0].length).nOut(hidden).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(hidden).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = new DataSet(Nd4j.create(xTrain), Nd4j.create(yTrain, yTrain.length, 1));
        long t0 = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            net.fit(train);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Fit(net.output(Nd4j.create(xTest)).toDoubleVector(), seconds);
    }
}
