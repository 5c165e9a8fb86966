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
 *
 * <p>Masks are 0/1 floats and updates are blends {@code m new + (1 - m) old}: a select costs several
 * times more than arithmetic in libnd4j. Blends need finite values, so the only selects replace a
 * non-finite position, energy or gradient of the new leaf (a divergence) before anything else sees it; a
 * log weight of {@link #NEG_HUGE} stands for minus infinity for the same reason.
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
    /** A log weight that acts as minus infinity but keeps blends finite (exp of it is 0 in float32 too). */
    static final double NEG_HUGE = -1e30;

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

    /**
     * {@code mask ? updated : old} for a 0/1 mask and finite values, as {@code m u + (1 - m) o}: exact
     * for either mask value (the form {@code o + m (u - o)} loses {@code u} when {@code o} is huge).
     */
    static Tensor blend(Tensor mask, Tensor updated, Tensor old) {
        return blend(mask, mask.rsub(1.0), updated, old);
    }

    /** {@link #blend} with {@code 1 - mask} already at hand (traced programs do not share subexpressions). */
    static Tensor blend(Tensor mask, Tensor inverse, Tensor updated, Tensor old) {
        return mask.mul(updated).add(inverse.mul(old));
    }

    @Override
    public Tensor[] apply(Tensor[] in) {
        Tensor eps = in[EPS];                                   // [C, 1], signed by direction
        Tensor invMass = in[INV_MASS];
        Tensor act = in[ACTIVE];                                // [C], 0/1
        Tensor actCol = act.unsqueeze(1);

        // Leapfrog; the energy and gradient at the new position may not be finite (a divergence).
        Tensor pHalf = in[P].sub(eps.mul(0.5).mul(in[G]));
        Tensor qRaw = in[Q].add(eps.mul(Kinetic.velocity(invMass, pHalf)));
        Tensor[] ug = energyAndGradient(potential, qRaw);
        // In float32 a long step can also overflow the position itself.
        Tensor ok = ug[0].isFinite().and(ug[1].sum(false, 1).isFinite()).and(qRaw.sum(false, 1).isFinite());
        Tensor okF = ok.castTo(act.dtype());
        Tensor okCol = ok.unsqueeze(1);
        Tensor q = Tensor.where(okCol, qRaw, in[Q]);
        Tensor u = Tensor.where(ok, ug[0], ug[0].zerosLike());
        Tensor g = Tensor.where(okCol, ug[1], ug[1].zerosLike());
        Tensor p = Tensor.where(okCol, pHalf.sub(eps.mul(0.5).mul(g)), in[P]);

        // Energy, divergence and the leaf's log weight relative to the initial point.
        Tensor h = u.add(Kinetic.energy(invMass, p));
        Tensor dh = in[H0].sub(h);
        Tensor notOk = okF.rsub(1.0);
        Tensor diverged = act.mul(notOk.maximum(dh.lt(-MAX_ENERGY_ERROR).castTo(act.dtype())));
        Tensor logWeight = okF.mul(dh).add(notOk.mul(NEG_HUGE));
        Tensor acceptProb = okF.mul(dh.minimum(dh.zerosLike()).exp());

        // Multinomial sampling within the subtree: take the new leaf with probability w_leaf / W_subtree.
        Tensor logW = logAddExp(in[LOG_W], logWeight);
        Tensor take = act.mul(in[UNIFORM].log().lt(logWeight.sub(logW)).castTo(act.dtype()));
        Tensor takeCol = take.unsqueeze(1);

        // Momentum sum of the subtree and checkpoints of its balanced sub-subtrees.
        Tensor rho = in[RHO].add(actCol.mul(p));
        Tensor write = in[WRITE].mul(actCol.unsqueeze(0));                       // [K, C, 1]
        Tensor keep = write.rsub(1.0);
        Tensor ckptP = blend(write, keep, p.unsqueeze(0), in[CKPT_P]);
        Tensor ckptRho = blend(write, keep, rho.unsqueeze(0), in[CKPT_RHO]);
        // U-turn between each checked checkpoint (a sub-subtree's left end) and the new leaf.
        Tensor subRho = rho.unsqueeze(0).sub(ckptRho).add(ckptP);                // [K, C, D]
        Tensor turnK = Kinetic.turningMask(invMass.unsqueeze(0), ckptP, p.unsqueeze(0), subRho);   // [K, C]
        Tensor turning = act.mul(turnK.mul(in[CHECK]).sum(false, 0).gt(0.5).castTo(act.dtype()));

        Tensor stillActive = act.mul(diverged.rsub(1.0)).mul(turning.rsub(1.0));
        Tensor inact = act.rsub(1.0);
        Tensor inactCol = inact.unsqueeze(1);
        Tensor leave = take.rsub(1.0);
        Tensor leaveCol = leave.unsqueeze(1);
        Tensor[] out = new Tensor[UPDATED.length + 2];
        out[0] = blend(actCol, inactCol, q, in[Q]);
        out[1] = blend(actCol, inactCol, p, in[P]);
        out[2] = blend(actCol, inactCol, g, in[G]);
        out[3] = blend(act, inact, u, in[U]);
        out[4] = stillActive;
        out[5] = blend(act, inact, logW, in[LOG_W]);
        out[6] = blend(takeCol, leaveCol, q, in[PROP_Q]);
        out[7] = blend(take, leave, u, in[PROP_U]);
        out[8] = blend(takeCol, leaveCol, g, in[PROP_G]);
        out[9] = blend(take, leave, h, in[PROP_H]);
        out[10] = rho;
        out[11] = ckptP;
        out[12] = ckptRho;
        out[13] = in[SUM_ACCEPT].add(act.mul(acceptProb));
        out[14] = in[N_LEAPFROG].add(act);
        out[OUT_DIVERGED] = diverged;
        out[OUT_TURNING] = turning;
        return out;
    }

    /** log(exp(a) + exp(b)) for finite a, b. */
    static Tensor logAddExp(Tensor a, Tensor b) {
        Tensor m = a.maximum(b);
        return a.sub(m).exp().add(b.sub(m).exp()).log().add(m);
    }
}
