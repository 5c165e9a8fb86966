package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorSmokeTest {
    @Test
    void eagerBroadcastAddAndCompiledGradient() {
        Tensor a = Tensor.of(new double[][]{{1}, {2}, {3}});
        Tensor b = Tensor.of(10, 20);
        Tensor c = a.add(b);
        assertArrayEquals(new long[]{3, 2}, c.shape());
        assertEquals(22.0, c.array().getDouble(1, 1), 0);

        CompiledFunction f = CompiledFunction.withGradients(in -> new Tensor[]{in[0].mul(in[1]).exp().sum(false, 1)}, 0, 1);
        INDArray x = Nd4j.createFromArray(new double[][]{{0.1}, {0.2}, {0.3}});
        INDArray y = Nd4j.createFromArray(0.5, -0.5);
        INDArray[] out = f.call(x, y);
        INDArray[] ref = f.callWithSameDiff(x, y);
        for (int i = 0; i < out.length; i++) {
            assertArrayEquals(ref[i].toDoubleVector(), out[i].reshape(out[i].length()).toDoubleVector(), 1e-12);
        }
        GradientCheck.check("exp(x*y)", in -> new Tensor[]{in[0].mul(in[1]).exp()}, 1e-7, new int[]{0, 1}, x, y);
    }
}
