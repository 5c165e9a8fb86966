package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TensorFunction;

/**
 * Joins a finished subtree to the trajectory for all chains at once, as one traced program: biased
 * progressive sampling of the proposal (accept the subtree's with probability min(1, W_sub / W_old),
 * Betancourt 2017), the new edge, the momentum sum, and the no-U-turn check across the whole tree.
 * A subtree that diverged or turned inside is dropped and ends its chain's tree. Masks are 0/1 floats
 * and every input is finite, so updates are arithmetic blends.
 */
final class NutsMerge implements TensorFunction {
    static final int TREE_ACTIVE = 0, SUB_DIVERGED = 1, SUB_TURNING = 2, DIR_RIGHT = 3,
            LEFT_Q = 4, LEFT_P = 5, LEFT_G = 6, RIGHT_Q = 7, RIGHT_P = 8, RIGHT_G = 9,
            EDGE_Q = 10, EDGE_P = 11, EDGE_G = 12, LOG_W = 13, SUB_LOG_W = 14,
            PROP_Q = 15, PROP_U = 16, PROP_G = 17, PROP_H = 18,
            SUB_PROP_Q = 19, SUB_PROP_U = 20, SUB_PROP_G = 21, SUB_PROP_H = 22,
            RHO = 23, SUB_RHO = 24, UNIFORM = 25, INV_MASS = 26;
    static final int INPUTS = 27;
    /** Outputs, in order. */
    static final int[] UPDATED = {LEFT_Q, LEFT_P, LEFT_G, RIGHT_Q, RIGHT_P, RIGHT_G, LOG_W, PROP_Q, PROP_U,
            PROP_G, PROP_H, RHO, TREE_ACTIVE};

    @Override
    public Tensor[] apply(Tensor[] in) {
        Tensor participating = in[TREE_ACTIVE];
        Tensor valid = participating.mul(in[SUB_DIVERGED].rsub(1.0)).mul(in[SUB_TURNING].rsub(1.0));
        Tensor validCol = valid.unsqueeze(1);
        Tensor toRight = valid.mul(in[DIR_RIGHT]).unsqueeze(1);
        Tensor toLeft = valid.mul(in[DIR_RIGHT].rsub(1.0)).unsqueeze(1);

        Tensor accept = valid.mul(in[UNIFORM].log().lt(in[SUB_LOG_W].sub(in[LOG_W])).castTo(valid.dtype()));
        Tensor acceptCol = accept.unsqueeze(1);
        Tensor logW = NutsLeafStep.blend(valid, NutsLeafStep.logAddExp(in[LOG_W], in[SUB_LOG_W]), in[LOG_W]);
        Tensor rho = in[RHO].add(validCol.mul(in[SUB_RHO]));

        Tensor leftQ = NutsLeafStep.blend(toLeft, in[EDGE_Q], in[LEFT_Q]);
        Tensor leftP = NutsLeafStep.blend(toLeft, in[EDGE_P], in[LEFT_P]);
        Tensor leftG = NutsLeafStep.blend(toLeft, in[EDGE_G], in[LEFT_G]);
        Tensor rightQ = NutsLeafStep.blend(toRight, in[EDGE_Q], in[RIGHT_Q]);
        Tensor rightP = NutsLeafStep.blend(toRight, in[EDGE_P], in[RIGHT_P]);
        Tensor rightG = NutsLeafStep.blend(toRight, in[EDGE_G], in[RIGHT_G]);

        Tensor turning = Kinetic.turningMask(in[INV_MASS], leftP, rightP, rho);
        return new Tensor[]{
            leftQ, leftP, leftG, rightQ, rightP, rightG, logW,
            NutsLeafStep.blend(acceptCol, in[SUB_PROP_Q], in[PROP_Q]),
            NutsLeafStep.blend(accept, in[SUB_PROP_U], in[PROP_U]),
            NutsLeafStep.blend(acceptCol, in[SUB_PROP_G], in[PROP_G]),
            NutsLeafStep.blend(accept, in[SUB_PROP_H], in[PROP_H]),
            rho,
            valid.mul(turning.rsub(1.0)),
        };
    }
}
