package dev.pyrite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A lean executor for a traced SameDiff graph with fixed input shapes. It keeps the ops needed for the
 * requested outputs in their topological (creation) order, gives each op one {@link OpContext} with its
 * arguments, allocates every intermediate array once, and then each call copies the inputs into their
 * buffers and runs {@code exec(op, context)} per op: no graph analysis, no allocation, no session
 * bookkeeping per call (SameDiff's own executor spends milliseconds on those).
 *
 * <p>Not thread-safe: one replay serves one thread at a time. Returned arrays are reused by the next call.
 */
final class GraphReplay {
    private final OpExecutioner executioner = Nd4j.getExecutioner();
    private final DifferentialFunction[] ops;
    private final OpContext[] contexts;
    private final INDArray[] inputBuffers;
    private final INDArray[] outputs;

    GraphReplay(Graph graph, List<String> inputNames, List<String> outputNames, INDArray[] exampleInputs) {
        SameDiff sd = graph.sameDiff();
        List<SameDiffOp> needed = neededOps(sd, outputNames);
        Map<String, INDArray> values = new HashMap<>();
        inputBuffers = new INDArray[inputNames.size()];
        for (int i = 0; i < inputBuffers.length; i++) {
            inputBuffers[i] = exampleInputs[i].dup('c');
            values.put(inputNames.get(i), inputBuffers[i]);
        }
        List<DifferentialFunction> kept = new ArrayList<>();
        List<OpContext> keptContexts = new ArrayList<>();
        for (int k = 0; k < needed.size(); k++) {
            DifferentialFunction df = needed.get(k).getOp();
            String[] argNames = df.argNames();
            INDArray[] args = new INDArray[argNames.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = values.get(argNames[i]);
                if (args[i] == null) {
                    SDVariable v = sd.getVariable(argNames[i]);
                    if (v.getVariableType() == VariableType.CONSTANT || v.getVariableType() == VariableType.VARIABLE) {
                        args[i] = v.getArr();
                        values.put(argNames[i], args[i]);
                    } else {
                        throw new IllegalStateException("no value for graph variable '" + argNames[i]
                                + "' needed by op " + df.opName());
                    }
                }
            }
            if (aliasReshape(graph, df, args, values)) {
                continue;
            }
            OpContext ctx = executioner.buildContext();
            if (df instanceof CustomOp) {
                DynamicCustomOp c = (DynamicCustomOp) df;
                ctx.setArgs(args, c.iArgs(), c.dArgs(), c.tArgs(), c.bArgs());
            } else if (df instanceof BaseOp) {
                for (int i = 0; i < args.length; i++) {
                    ctx.setInputArray(i, args[i]);
                }
                // Some legacy paths (e.g. a reduction that reduces nothing) read the op's own fields.
                ((BaseOp) df).setX(args[0]);
                if (args.length > 1) {
                    ((BaseOp) df).setY(args[1]);
                }
            } else {
                throw new IllegalStateException("compiled graphs cannot run op " + df.opName());
            }
            String[] outNames = df.outputVariablesNames();
            List<LongShapeDescriptor> computed = null;
            for (int i = 0; i < outNames.length; i++) {
                // Shapes known from tracing take precedence: libnd4j's shape functions drop unit dimensions
                // in some broadcasts.
                long[] shape = graph.shapeOf(outNames[i]);
                if (shape == null) {
                    if (computed == null) {
                        computed = df instanceof CustomOp ? ((DynamicCustomOp) df).calculateOutputShape(ctx)
                                : ((BaseOp) df).calculateOutputShape(ctx);
                    }
                    shape = computed.get(i).getShape();
                }
                INDArray out = Nd4j.create(sd.getVariable(outNames[i]).dataType(), shape, 'c');
                ctx.setOutputArray(i, out);
                if (df instanceof BaseOp) {
                    ((BaseOp) df).setZ(out);
                }
                values.put(outNames[i], out);
            }
            kept.add(df);
            keptContexts.add(ctx);
        }
        ops = kept.toArray(new DifferentialFunction[0]);
        contexts = keptContexts.toArray(new OpContext[0]);
        outputs = new INDArray[outputNames.size()];
        for (int i = 0; i < outputs.length; i++) {
            INDArray v = values.get(outputNames.get(i));
            if (v == null) {
                SDVariable var = sd.getVariable(outputNames.get(i));
                v = var.getArr();
            }
            outputs[i] = v;
        }
    }

    /**
     * A reshape of a contiguous buffer becomes a view of it, computed once here: every buffer is
     * allocated once and never moves, so the view stays valid and the op need not run (libnd4j's reshape
     * copies, at several microseconds per call).
     */
    private static boolean aliasReshape(Graph graph, DifferentialFunction df, INDArray[] args,
                                        Map<String, INDArray> values) {
        if (!"reshape".equals(df.opName()) || args.length == 0) {
            return false;
        }
        String out = df.outputVariablesNames()[0];
        long[] shape = graph.shapeOf(out);
        INDArray in = args[0];
        if (shape == null || in.ordering() != 'c' || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(in)) {
            return false;
        }
        INDArray view = in.reshape('c', shape);
        if (view.data().address() != in.data().address() || view.offset() != in.offset()) {
            return false;
        }
        values.put(out, view);
        return true;
    }

    /** Runs the graph; the returned arrays are owned by this replay and overwritten by the next call. */
    INDArray[] run(INDArray... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            inputBuffers[i].assign(inputs[i]);
        }
        if (OpProfile.ENABLED) {
            runProfiled();
            return outputs;
        }
        for (int k = 0; k < ops.length; k++) {
            DifferentialFunction df = ops[k];
            if (df instanceof CustomOp) {
                executioner.exec((CustomOp) df, contexts[k]);
            } else {
                executioner.exec((Op) df, contexts[k]);
            }
        }
        return outputs;
    }

    private void runProfiled() {
        for (int k = 0; k < ops.length; k++) {
            long t0 = System.nanoTime();
            DifferentialFunction df = ops[k];
            if (df instanceof CustomOp) {
                executioner.exec((CustomOp) df, contexts[k]);
            } else {
                executioner.exec((Op) df, contexts[k]);
            }
            OpProfile.add(df.opName(), System.nanoTime() - t0);
        }
    }

    int opCount() {
        return ops.length;
    }

    private static List<SameDiffOp> neededOps(SameDiff sd, List<String> outputNames) {
        Set<String> neededOps = new HashSet<>();
        Deque<String> vars = new ArrayDeque<>(outputNames);
        Set<String> seenVars = new HashSet<>(outputNames);
        while (!vars.isEmpty()) {
            String v = vars.pop();
            String opName = sd.getVariables().get(v).getOutputOfOp();
            if (opName == null || !neededOps.add(opName)) {
                continue;
            }
            for (String in : sd.getOps().get(opName).getInputsToOp() == null ? List.<String>of()
                    : sd.getOps().get(opName).getInputsToOp()) {
                if (seenVars.add(in)) {
                    vars.push(in);
                }
            }
        }
        List<SameDiffOp> ordered = new ArrayList<>();
        for (Map.Entry<String, SameDiffOp> e : sd.getOps().entrySet()) {
            if (neededOps.contains(e.getKey())) {
                ordered.add(e.getValue());
            }
        }
        return ordered;
    }
}
