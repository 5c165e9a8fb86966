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
    private final Map<String, DataType> types = new java.util.HashMap<>();
    private final Map<String, INDArray> constantValues = new java.util.HashMap<>();
    private final Map<String, OpNode> producers = new java.util.HashMap<>();
    private int nextId;

    /** The underlying SameDiff instance (for embedding in SameDiff pipelines and for reference runs). */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    /** A placeholder input of fixed shape; {@code requiresGrad} marks it as a differentiation input. */
    public Tensor placeholder(String name, DataType dtype, long[] shape, boolean requiresGrad) {
        SDVariable v = sameDiff.placeHolder(name, dtype, shape);
        shapes.put(name, shape.clone());
        types.put(name, dtype);
        return Tensor.traced(this, v, shape.clone(), dtype, null, null, requiresGrad);
    }

    SDVariable constant(INDArray array) {
        return constants.computeIfAbsent(array, a -> {
            SDVariable v = sameDiff.constant("c" + (nextId++), a);
            constantValues.put(v.name(), a);
            shapes.put(v.name(), a.shape());
            types.put(v.name(), a.dataType());
            return v;
        });
    }

    /** Records the op that produced a traced value (the JVM executor's program). */
    void recordOp(OpNode node) {
        producers.put(node.output(), node);
        shapes.put(node.output(), node.shape());
        types.put(node.output(), node.dtype());
    }

    /** The recorded op that produced a value, or null (a placeholder or constant). */
    OpNode producer(String name) {
        return producers.get(name);
    }

    /** The value of a constant, or null. */
    INDArray constantValue(String name) {
        return constantValues.get(name);
    }

    /** The recorded type of a value, or null. */
    DataType typeOf(String name) {
        return types.get(name);
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

    /** Ops whose value is piecewise constant in their inputs: where a traced function can jump. */
    private static final java.util.Set<String> STEP_OPS = java.util.Set.of("lt", "le", "gt", "ge", "eq", "ne",
            "floor", "ceil", "round", "sign");

    /**
     * Whether {@code output} depends on {@code input} through a step: a comparison, {@code floor},
     * {@code sign} or a cast to an integer or boolean type. Such a function of {@code input} is piecewise
     * and may jump (an {@code if} on a latent written as {@code where(x.gt(0), a, b)}, an integer embedded
     * by {@code floor}); Discontinuous HMC gives such coordinates coordinate-wise updates. Found by walking
     * the recorded ops back from {@code output}. It errs on the side of a jump: a comparison whose branches
     * agree at the switch (a numerically stable formula written with {@code where}) counts too.
     */
    public boolean jumpsIn(Tensor output, Tensor input) {
        if (output.graph() != this || input.graph() != this) {
            throw new IllegalArgumentException("jumpsIn: both tensors must belong to this graph");
        }
        String target = input.variable().name();
        java.util.Map<String, Boolean> done = new java.util.HashMap<>();
        java.util.Deque<Object[]> work = new java.util.ArrayDeque<>();
        work.push(new Object[]{output.variable().name(), false});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            String name = (String) item[0];
            boolean stepped = (Boolean) item[1];
            if (name.equals(target)) {
                if (stepped) {
                    return true;
                }
                continue;
            }
            Boolean seen = done.get(name);
            if (seen != null && (seen || !stepped)) {
                continue;   // already walked with a step on the way, or walked the same way
            }
            done.put(name, stepped);
            OpNode node = producers.get(name);
            if (node == null) {
                continue;
            }
            boolean step = stepped || STEP_OPS.contains(node.op())
                    || ("cast".equals(node.op()) && !node.dtype().isFPType());
            for (String in : node.inputs()) {
                work.push(new Object[]{in, step});
            }
        }
        return false;
    }
}
