package dev.pyrite.benchmarks;

import dev.pyrite.tensor.RandomStream;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DL4J baseline for {@link BnnLeapfrogBenchmark}: one full-batch training iteration (forward,
 * backward, Adam update) of a {@code MultiLayerNetwork} 30-50-1 (tanh, identity output, squared error)
 * on the same N = 200 synthetic rows, float64. One iteration is the work of one gradient of the point
 * estimate, to set beside one chain's potential-and-gradient call of the BNN.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class Dl4jBaselineBenchmark {
    private MultiLayerNetwork net;
    private DataSet data;

    @Setup
    public void setUp() {
        RandomStream s = RandomStream.of(3);
        INDArray x = s.normal(DataType.DOUBLE, BnnLeapfrogBenchmark.N, 30);
        INDArray y = x.mmul(s.normal(DataType.DOUBLE, 30, 1).mul(0.2));
        y = org.nd4j.linalg.ops.transforms.Transforms.sin(y).add(s.normal(DataType.DOUBLE, BnnLeapfrogBenchmark.N, 1).mul(0.1));
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(30).nOut(50).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(50).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        data = new DataSet(x, y);
        net.fit(data);
    }

    @Benchmark
    public double fitOneIteration() {
        net.fit(data);
        return net.score();
    }
}
