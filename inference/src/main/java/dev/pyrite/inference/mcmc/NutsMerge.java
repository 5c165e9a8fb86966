package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TensorFunction;

/**
 * Joins a finished subtree to the trajectory for all chains at once, as one traced program: biased
 * progressive sampling of the proposal (accept the subtree's with probability min(1, W_sub / W_old),
 * Betancourt 2017), the new edge, the momentum sum, and the no-U-turn check across the whole tree.
 * A subtree that diverged or turned inside is dropped and ends its chain's tree.
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
        Tensor participating = in[TREE_ACTIVE].gt(0.5);
        Tensor valid = participating.and(in[SUB_DIVERGED].lt(0.5)).and(in[SUB_TURNING].lt(0.5));
        Tensor validCol = valid.unsqueeze(1);
        Tensor right = in[DIR_RIGHT].gt(0.5);
        Tensor toRight = valid.and(right).unsqueeze(1);
        Tensor toLeft = valid.and(right.not()).unsqueeze(1);

        Tensor accept = valid.and(in[UNIFORM].log().lt(in[SUB_LOG_W].sub(in[LOG_W])));
        Tensor acceptCol = accept.unsqueeze(1);
        Tensor logW = Tensor.where(valid, NutsLeafStep.logAddExp(in[LOG_W], in[SUB_LOG_W]), in[LOG_W]);
        Tensor rho = Tensor.where(validCol, in[RHO].add(in[SUB_RHO]), in[RHO]);

        Tensor leftQ = Tensor.where(toLeft, in[EDGE_Q], in[LEFT_Q]);
        Tensor leftP = Tensor.where(toLeft, in[EDGE_P], in[LEFT_P]);
        Tensor leftG = Tensor.where(toLeft, in[EDGE_G], in[LEFT_G]);
        Tensor rightQ = Tensor.where(toRight, in[EDGE_Q], in[RIGHT_Q]);
        Tensor rightP = Tensor.where(toRight, in[EDGE_P], in[RIGHT_P]);
        Tensor rightG = Tensor.where(toRight, in[EDGE_G], in[RIGHT_G]);

        Tensor turning = Kinetic.turning(in[INV_MASS], leftP, rightP, rho);
        Tensor stillActive = valid.and(turning.not());
        Tensor one = in[LOG_W].onesLike();
        return new Tensor[]{
            leftQ, leftP, leftG, rightQ, rightP, rightG, logW,
            Tensor.where(acceptCol, in[SUB_PROP_Q], in[PROP_Q]),
            Tensor.where(accept, in[SUB_PROP_U], in[PROP_U]),
            Tensor.where(acceptCol, in[SUB_PROP_G], in[PROP_G]),
            Tensor.where(accept, in[SUB_PROP_H], in[PROP_H]),
            rho,
            Tensor.where(stillActive, one, one.zerosLike()),
        };
    }
}
