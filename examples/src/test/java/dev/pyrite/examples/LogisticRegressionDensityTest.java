package dev.pyrite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.CompiledFunction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LogisticRegressionDensityTest {
    private final LogisticRegressionDensity model = LogisticRegressionDensity.load();

    @Test
    void logJointAtGeneratingValuesMatchesReference() {
        // Reference values from reference-models.md (model B), all normalising constants included.
        CompiledFunction f = CompiledFunction.withGradients(model.logJoint(), 0);
        INDArray[] out = f.call(LogisticRegressionDensity.trueParameters());
        assertEquals(-326.1303896151504, out[0].getDouble(0), 1e-9);
        assertEquals(-13.634218952850162, out[1].getDouble(0, 25), 1e-9);
    }

    @Test
    void compiledGradientEqualsHandWrittenAtManyChains() {
        Random r = new Random(7);
        double[] v = new double[100 * 26];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5 * r.nextGaussian();
        }
        INDArray q = Nd4j.create(v, new long[]{100, 26}, DataType.DOUBLE);
        INDArray[] compiled = CompiledFunction.withGradients(model.logJoint(), 0).call(q);
        INDArray[] hand = model.logJointAndGradientByHand(q);
        for (int c = 0; c < 100; c++) {
            assertEquals(hand[0].getDouble(c), compiled[0].getDouble(c), 1e-9 * Math.abs(hand[0].getDouble(c)));
            for (int d = 0; d < 26; d++) {
                assertEquals(hand[1].getDouble(c, d), compiled[1].getDouble(c, d), 1e-9, "chain " + c + " dim " + d);
            }
        }
    }
}
