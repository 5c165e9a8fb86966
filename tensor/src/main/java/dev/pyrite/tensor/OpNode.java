package dev.pyrite.tensor;

import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One traced operation as Pyrite recorded it: the op's name, the graph values it reads and writes, the
 * output's static shape and type, its attributes ({@link OpAttributes}, or null when the shapes say
 * everything) and its eager form. The JVM executor compiles these, not SameDiff's ops; an op it has no
 * kernel for runs its eager form.
 */
record OpNode(String op, String[] inputs, String output, long[] shape, DataType dtype, Object attributes,
              Function<INDArray[], INDArray> eager) {
}
