package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Autodiff;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TensorFunction;

/**
 * One leaf of a NUTS subtree for all chains at once, as one traced program: a leapfrog step from the
 * subtree's edge, the new leaf's energy and divergence test, multinomial sampling of the subtree's
 * proposal, the momentum sums, and the iterative U-turn checks against the checkpoints of the
 * subtree's balanced sub-subtrees (the checkpoint scheme of NumPyro's iterative NUTS; Phan, Pradhan and
 * Jankowiak 2019). Chains that are not active keep their state unchanged.
 */
final class NutsLeafStep implements TensorFunction {
    // Inputs.
    static final int Q = 0, P = 1, G = 2, U = 3, EPS = 4, INV_MASS = 5, H0 = 6, ACTIVE = 7, LOG_W = 8,
            PROP_Q = 9, PROP_U = 10, PROP_G = 11, PROP_H = 12, RHO = 13, CKPT_P = 14, CKPT_RHO = 15,
            WRITE = 16, CHECK = 17, UNIFORM = 18, SUM_ACCEPT = 19, N_LEAPFROG = 20;
    static final int INPUTS = 21;
    // Outputs: the inputs that change, in this order, then the flags.
    static final int[] UPDATED = {Q, P, G, U, ACTIVE, LOG_W, PROP_Q, PROP_U, PROP_G, PROP_H, RHO, CKPT_P,
            CKPT_RHO, SUM_ACCEPT, N_LEAPFROG};
    static final int OUT_DIVERGED = UPDATED.length;
    static final int OUT_TURNING = UPDATED.length + 1;

    /** Energy error beyond which a trajectory counts as divergent (as in Stan). */
    static final double MAX_ENERGY_ERROR = 1000.0;

    private final Potential potential;

    NutsLeafStep(Potential potential) {
        this.potential = potential;
    }

    /** U(q) and dU/dq at a position computed inside the traced program. */
    static Tensor[] energyAndGradient(Potential potential, Tensor q) {
        Tensor leaf = q.asGradientLeaf();
        Tensor u = potential.energy(leaf);
        return new Tensor[]{u, Autodiff.gradients(u, leaf)[0]};
    }

    @Override
    public Tensor[] apply(Tensor[] in) {
        Tensor eps = in[EPS];                                   // [C, 1], signed by direction
        Tensor invMass = in[INV_MASS];
        Tensor active = in[ACTIVE].gt(0.5);                     // [C]
        Tensor activeCol = active.unsqueeze(1);                 // [C, 1]

        // Leapfrog.
        Tensor pHalf = in[P].sub(eps.mul(0.5).mul(in[G]));
        Tensor q = in[Q].add(eps.mul(Kinetic.velocity(invMass, pHalf)));
        Tensor[] ug = energyAndGradient(potential, q);
        Tensor u = ug[0];
        Tensor g = ug[1];
        Tensor p = pHalf.sub(eps.mul(0.5).mul(g));

        // Energy, divergence and the leaf's weight relative to the initial point.
        Tensor h = u.add(Kinetic.energy(invMass, p));
        Tensor dh = in[H0].sub(h);                              // log weight of the leaf
        Tensor finite = dh.isFinite();
        Tensor diverged = active.and(finite.not().or(dh.lt(-MAX_ENERGY_ERROR)));
        Tensor negInf = dh.zerosLike().sub(Double.POSITIVE_INFINITY);
        Tensor logWeight = Tensor.where(finite, dh, negInf);
        Tensor acceptProb = Tensor.where(finite, dh.minimum(dh.zerosLike()).exp(), dh.zerosLike());

        // Multinomial sampling within the subtree: take the new leaf with probability w_leaf / W_subtree.
        Tensor logW = logAddExp(in[LOG_W], logWeight);
        Tensor takeLeaf = active.and(in[UNIFORM].log().lt(logWeight.sub(logW)));
        Tensor takeLeafCol = takeLeaf.unsqueeze(1);
        Tensor propQ = Tensor.where(takeLeafCol, q, in[PROP_Q]);
        Tensor propU = Tensor.where(takeLeaf, u, in[PROP_U]);
        Tensor propG = Tensor.where(takeLeafCol, g, in[PROP_G]);
        Tensor propH = Tensor.where(takeLeaf, h, in[PROP_H]);

        // Momentum sum of the subtree, and checkpoints of the balanced sub-subtrees.
        Tensor rho = in[RHO].add(p);
        Tensor write = in[WRITE].gt(0.5).and(activeCol.unsqueeze(0));            // [K, C, 1]
        Tensor ckptP = Tensor.where(write, p.unsqueeze(0), in[CKPT_P]);
        Tensor ckptRho = Tensor.where(write, rho.unsqueeze(0), in[CKPT_RHO]);
        // U-turn between each checked checkpoint (a sub-subtree's left end) and the new leaf.
        Tensor subRho = rho.unsqueeze(0).sub(ckptRho).add(ckptP);                // [K, C, D]
        Tensor turnK = Kinetic.turning(invMass.unsqueeze(0), ckptP, p.unsqueeze(0), subRho);   // [K, C]
        Tensor checked = in[CHECK].gt(0.5);                                       // [K, 1]
        Tensor turning = active.and(checked.and(turnK).castTo(u.dtype()).max(false, 0).gt(0.5));

        Tensor stillActive = active.and(diverged.not()).and(turning.not());
        Tensor one = u.onesLike();
        Tensor zero = u.zerosLike();
        Tensor[] out = new Tensor[UPDATED.length + 2];
        out[0] = Tensor.where(activeCol, q, in[Q]);
        out[1] = Tensor.where(activeCol, p, in[P]);
        out[2] = Tensor.where(activeCol, g, in[G]);
        out[3] = Tensor.where(active, u, in[U]);
        out[4] = Tensor.where(stillActive, one, zero);
        out[5] = Tensor.where(active, logW, in[LOG_W]);
        out[6] = propQ;
        out[7] = propU;
        out[8] = propG;
        out[9] = propH;
        out[10] = Tensor.where(activeCol, rho, in[RHO]);
        out[11] = ckptP;
        out[12] = ckptRho;
        out[13] = in[SUM_ACCEPT].add(Tensor.where(active, acceptProb, zero));
        out[14] = in[N_LEAPFROG].add(Tensor.where(active, one, zero));
        out[OUT_DIVERGED] = Tensor.where(diverged, one, zero);
        out[OUT_TURNING] = Tensor.where(turning, one, zero);
        return out;
    }

    /** log(exp(a) + exp(b)), exact when either is -inf. */
    static Tensor logAddExp(Tensor a, Tensor b) {
        Tensor m = a.maximum(b);
        Tensor safe = Tensor.where(m.isFinite(), m, m.zerosLike());
        return a.sub(safe).exp().add(b.sub(safe).exp()).log().add(safe);
    }
}
