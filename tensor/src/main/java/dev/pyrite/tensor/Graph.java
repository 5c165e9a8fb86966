package dev.pyrite.tensor;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff graph being traced. Traced tensors point at the graph they live in; a concrete tensor
 * that meets a traced one becomes a constant of that graph (once per array).
 */
public final class Graph {
    private final SameDiff sameDiff = SameDiff.create();
    private final Map<INDArray, SDVariable> constants = new IdentityHashMap<>();
    private final Map<String, long[]> shapes = new java.util.HashMap<>();
    private int nextId;

    /** The underlying SameDiff instance (for embedding in SameDiff pipelines and for reference runs). */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    /** A placeholder input of fixed shape; {@code requiresGrad} marks it as a differentiation input. */
    public Tensor placeholder(String name, DataType dtype, long[] shape, boolean requiresGrad) {
        SDVariable v = sameDiff.placeHolder(name, dtype, shape);
        return Tensor.traced(this, v, shape.clone(), dtype, null, null, requiresGrad);
    }

    SDVariable constant(INDArray array) {
        return constants.computeIfAbsent(array, a -> sameDiff.constant("c" + (nextId++), a));
    }

    /** Records the statically known shape of a traced variable (libnd4j's shape functions can drop unit dims). */
    void recordShape(SDVariable v, long[] shape) {
        shapes.put(v.name(), shape);
    }

    /** The recorded shape of a variable, or null. */
    long[] shapeOf(String name) {
        return shapes.get(name);
    }

    int nextNodeId() {
        return nextId++;
    }
}
