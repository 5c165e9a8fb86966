package dev.pyrite.tensor;

import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An op with no JVM kernel, run in its eager libnd4j form on copies of its operands: slow (an allocation
 * and a dispatch per call), but every traced program runs on the JVM executor.
 */
final class EagerKernel extends JvmKernel {
    private final Function<INDArray[], INDArray> eager;
    private final int[] inputs;
    private final long[][] shapes;
    private final DataType[] types;
    private final int out;
    private final int n;

    EagerKernel(Function<INDArray[], INDArray> eager, int[] inputs, long[][] shapes, DataType[] types, int out, int n) {
        this.eager = eager;
        this.inputs = inputs;
        this.shapes = shapes;
        this.types = types;
        this.out = out;
        this.n = n;
    }

    @Override
    void run(double[][] slots) {
        INDArray[] args = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            args[i] = Nd4j.create(slots[inputs[i]], shapes[i], 'c').castTo(types[i]);
        }
        INDArray r = eager.apply(args).castTo(DataType.DOUBLE).dup('c');
        r.data().asNioDouble().get(slots[out], 0, n);
    }

}
