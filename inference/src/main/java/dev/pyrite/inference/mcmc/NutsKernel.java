package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.RandomStream;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The No-U-Turn sampler (Hoffman and Gelman 2014) with multinomial sampling along the trajectory and
 * the generalised no-U-turn criterion (Betancourt 2017), for C chains in lock step. Every leapfrog step
 * of every chain is one call of a compiled program; chains whose tree has finished are masked until the
 * slowest is done. Each chain draws its randomness from its own stream, only while its tree grows, so
 * a chain's draws do not depend on the other chains in the batch.
 */
public final class NutsKernel implements Kernel {
    private final int maxDepth;
    private final CompiledFunction leafStep;
    private final CompiledFunction merge;

    public NutsKernel(Potential potential, int maxDepth) {
        if (maxDepth < 1 || maxDepth > 30) {
            throw new IllegalArgumentException("NUTS: maxTreeDepth must be in 1..30, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.leafStep = CompiledFunction.of(new NutsLeafStep(potential));
        this.merge = CompiledFunction.of(new NutsMerge());
    }

    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public Transition transition(ChainState state, INDArray stepSize, INDArray invMass, INDArray momentumScale,
                                 List<RandomStream> streams) {
        int c = state.chains();
        long d = state.q().size(1);
        DataType dt = state.q().dataType();

        INDArray p = momentum(momentumScale, streams, null, dt, c, d);
        INDArray h0 = state.energy().add(kinetic(invMass, p));

        // The whole tree so far: both edges, proposal, log weight and momentum sum.
        INDArray[] mergeIn = new INDArray[NutsMerge.INPUTS];
        mergeIn[NutsMerge.TREE_ACTIVE] = Nd4j.ones(dt, c);
        mergeIn[NutsMerge.LEFT_Q] = state.q();
        mergeIn[NutsMerge.LEFT_P] = p;
        mergeIn[NutsMerge.LEFT_G] = state.gradient();
        mergeIn[NutsMerge.RIGHT_Q] = state.q();
        mergeIn[NutsMerge.RIGHT_P] = p;
        mergeIn[NutsMerge.RIGHT_G] = state.gradient();
        mergeIn[NutsMerge.LOG_W] = Nd4j.zeros(dt, c);
        mergeIn[NutsMerge.PROP_Q] = state.q();
        mergeIn[NutsMerge.PROP_U] = state.energy();
        mergeIn[NutsMerge.PROP_G] = state.gradient();
        mergeIn[NutsMerge.PROP_H] = h0;
        mergeIn[NutsMerge.RHO] = p;
        mergeIn[NutsMerge.INV_MASS] = invMass;

        INDArray depth = Nd4j.zeros(dt, c);
        INDArray diverged = Nd4j.zeros(dt, c);
        INDArray sumAccept = Nd4j.zeros(dt, c);
        INDArray nLeapfrog = Nd4j.zeros(dt, c);
        INDArray ckptZeros = Nd4j.zeros(dt, maxDepth, c, d);

        for (int j = 0; j < maxDepth; j++) {
            double[] active = mergeIn[NutsMerge.TREE_ACTIVE].toDoubleVector();
            if (sum(active) == 0) {
                break;
            }
            int leaves = 1 << j;
            double[] dirRight = new double[c];
            double[] eps = new double[c];
            double[] step = stepSize.toDoubleVector();
            double[] uniforms = new double[leaves * c];   // [leaf, chain]
            double[] mergeUniform = new double[c];
            for (int i = 0; i < c; i++) {
                if (active[i] == 0) {
                    continue;
                }
                RandomStream s = streams.get(i);
                dirRight[i] = s.uniformDouble() < 0.5 ? 0 : 1;
                eps[i] = dirRight[i] == 1 ? step[i] : -step[i];
                for (int n = 0; n < leaves; n++) {
                    uniforms[n * c + i] = s.uniformDouble();
                }
                mergeUniform[i] = s.uniformDouble();
            }
            INDArray dirCol = Nd4j.createFromArray(dirRight).castTo(dt).reshape(c, 1);
            INDArray[] leaf = new INDArray[NutsLeafStep.INPUTS];
            leaf[NutsLeafStep.Q] = pick(dirCol, mergeIn[NutsMerge.RIGHT_Q], mergeIn[NutsMerge.LEFT_Q]);
            leaf[NutsLeafStep.P] = pick(dirCol, mergeIn[NutsMerge.RIGHT_P], mergeIn[NutsMerge.LEFT_P]);
            leaf[NutsLeafStep.G] = pick(dirCol, mergeIn[NutsMerge.RIGHT_G], mergeIn[NutsMerge.LEFT_G]);
            leaf[NutsLeafStep.U] = Nd4j.zeros(dt, c);
            leaf[NutsLeafStep.EPS] = Nd4j.createFromArray(eps).castTo(dt).reshape(c, 1);
            leaf[NutsLeafStep.INV_MASS] = invMass;
            leaf[NutsLeafStep.H0] = h0;
            leaf[NutsLeafStep.ACTIVE] = mergeIn[NutsMerge.TREE_ACTIVE].dup();
            leaf[NutsLeafStep.LOG_W] = Nd4j.valueArrayOf(new long[]{c}, NutsLeafStep.NEG_HUGE, dt);
            leaf[NutsLeafStep.PROP_Q] = leaf[NutsLeafStep.Q];
            leaf[NutsLeafStep.PROP_U] = Nd4j.zeros(dt, c);
            leaf[NutsLeafStep.PROP_G] = leaf[NutsLeafStep.G];
            leaf[NutsLeafStep.PROP_H] = Nd4j.zeros(dt, c);
            leaf[NutsLeafStep.RHO] = Nd4j.zeros(dt, c, d);
            leaf[NutsLeafStep.CKPT_P] = ckptZeros;
            leaf[NutsLeafStep.CKPT_RHO] = ckptZeros;
            leaf[NutsLeafStep.SUM_ACCEPT] = sumAccept;
            leaf[NutsLeafStep.N_LEAPFROG] = nLeapfrog;
            INDArray subDiverged = Nd4j.zeros(dt, c);
            INDArray subTurning = Nd4j.zeros(dt, c);
            INDArray leafUniforms = Nd4j.create(uniforms, new long[]{leaves, c}, dt);
            for (int n = 0; n < leaves; n++) {
                INDArray[] m = checkpointMasks(n, dt);
                leaf[NutsLeafStep.WRITE] = m[0];
                leaf[NutsLeafStep.CHECK] = m[1];
                leaf[NutsLeafStep.UNIFORM] = leafUniforms.getRow(n);
                // The program copies its inputs before it runs, so its outputs can feed it directly.
                INDArray[] out = leafStep.call(leaf);
                for (int k = 0; k < NutsLeafStep.UPDATED.length; k++) {
                    leaf[NutsLeafStep.UPDATED[k]] = out[k];
                }
                subDiverged.addi(out[NutsLeafStep.OUT_DIVERGED]);
                subTurning.addi(out[NutsLeafStep.OUT_TURNING]);
                if (leaf[NutsLeafStep.ACTIVE].sumNumber().doubleValue() == 0) {
                    break;
                }
            }
            sumAccept = leaf[NutsLeafStep.SUM_ACCEPT];
            nLeapfrog = leaf[NutsLeafStep.N_LEAPFROG];
            INDArray participating = mergeIn[NutsMerge.TREE_ACTIVE];
            depth.addi(participating);
            diverged.addi(subDiverged);

            mergeIn[NutsMerge.SUB_DIVERGED] = subDiverged;
            mergeIn[NutsMerge.SUB_TURNING] = subTurning;
            mergeIn[NutsMerge.DIR_RIGHT] = dirCol.reshape(c);
            mergeIn[NutsMerge.EDGE_Q] = leaf[NutsLeafStep.Q];
            mergeIn[NutsMerge.EDGE_P] = leaf[NutsLeafStep.P];
            mergeIn[NutsMerge.EDGE_G] = leaf[NutsLeafStep.G];
            mergeIn[NutsMerge.SUB_LOG_W] = leaf[NutsLeafStep.LOG_W];
            mergeIn[NutsMerge.SUB_PROP_Q] = leaf[NutsLeafStep.PROP_Q];
            mergeIn[NutsMerge.SUB_PROP_U] = leaf[NutsLeafStep.PROP_U];
            mergeIn[NutsMerge.SUB_PROP_G] = leaf[NutsLeafStep.PROP_G];
            mergeIn[NutsMerge.SUB_PROP_H] = leaf[NutsLeafStep.PROP_H];
            mergeIn[NutsMerge.SUB_RHO] = leaf[NutsLeafStep.RHO];
            mergeIn[NutsMerge.UNIFORM] = Nd4j.createFromArray(mergeUniform).castTo(dt);
            INDArray[] out = merge.call(mergeIn);
            for (int k = 0; k < NutsMerge.UPDATED.length; k++) {
                mergeIn[NutsMerge.UPDATED[k]] = out[k];
            }
        }
        BooleanIndexing.replaceWhere(diverged, 1.0, Conditions.greaterThan(0.0));
        // Copies: the programs' output buffers are overwritten by the next transition.
        ChainState next = new ChainState(mergeIn[NutsMerge.PROP_Q].dup(), mergeIn[NutsMerge.PROP_U].dup(),
                mergeIn[NutsMerge.PROP_G].dup());
        INDArray acceptStat = sumAccept.div(nLeapfrog.add(1e-300));
        return new Transition(next, new TransitionStats(acceptStat, depth, nLeapfrog.dup(), diverged,
                mergeIn[NutsMerge.PROP_H].dup()));
    }

    /** Checkpoint masks by leaf index: {write, check}; the same for every transition. */
    private final java.util.Map<Integer, INDArray[]> masks = new java.util.concurrent.ConcurrentHashMap<>();

    private INDArray[] checkpointMasks(int n, DataType dt) {
        INDArray[] m = masks.get(n);
        if (m == null || m[0].dataType() != dt) {
            m = new INDArray[]{checkpointMask(n, true, dt), checkpointMask(n, false, dt)};
            masks.put(n, m);
        }
        return m;
    }

    /** The checkpoint write mask (even leaf index) or check mask (odd leaf index) over K checkpoints. */
    private INDArray checkpointMask(int n, boolean write, DataType dt) {
        int idxMax = Integer.bitCount(n >> 1);
        int trailingOnes = Integer.numberOfTrailingZeros(~n);
        int idxMin = idxMax - trailingOnes + 1;
        INDArray mask = write ? Nd4j.zeros(dt, maxDepth, 1, 1) : Nd4j.zeros(dt, maxDepth, 1);
        if (write && n % 2 == 0) {
            mask.putScalar(idxMax, 1.0);
        } else if (!write && n % 2 == 1) {
            for (int k = idxMin; k <= idxMax; k++) {
                mask.putScalar(k, 1.0);
            }
        }
        return mask;
    }

    /** Fresh momenta p = S z, z ~ N(0, I), drawn from each chain's stream (only where {@code draw} is true). */
    static INDArray momentum(INDArray momentumScale, List<RandomStream> streams, boolean[] draw, DataType dt,
                             int c, long d) {
        INDArray z = Nd4j.create(dt, c, d);
        for (int i = 0; i < c; i++) {
            if (draw == null || draw[i]) {
                z.putRow(i, streams.get(i).normal(dt, d));
            }
        }
        return momentumScale.rank() == 2 ? z.muli(momentumScale)
                : Nd4j.matmul(momentumScale, z.reshape(c, d, 1)).reshape(c, d);
    }

    static INDArray kinetic(INDArray invMass, INDArray p) {
        if (invMass.rank() == 2) {
            return invMass.mul(p).muli(p).sum(1).muli(0.5);
        }
        long c = p.size(0);
        long d = p.size(1);
        INDArray v = Nd4j.matmul(invMass, p.reshape(c, d, 1)).reshape(c, d);
        return v.muli(p).sum(1).muli(0.5);
    }

    private static INDArray pick(INDArray maskCol, INDArray ifOne, INDArray ifZero) {
        return ifOne.mulColumnVector(maskCol).addi(ifZero.mulColumnVector(maskCol.rsub(1.0)));
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
