package dev.pyrite.inference.mcmc;

/**
 * The No-U-Turn sampler (Hoffman and Gelman 2014) as a per-chain program of one leaf per slot:
 * multinomial sampling along the trajectory, biased progressive sampling when a subtree is merged, and
 * the generalised no-U-turn criterion (Betancourt 2017) checked inside each subtree against the
 * checkpoints of NumPyro's iterative NUTS (Phan, Pradhan and Jankowiak 2019) and across the whole tree
 * at each merge. A leaf whose energy error exceeds {@link #MAX_ENERGY_ERROR} or that is not finite is a
 * divergence: its subtree is dropped and the tree ends.
 */
final class NutsTransition implements Transition<TreeState> {
    /** Energy error beyond which a trajectory counts as divergent (as in Stan). */
    static final double MAX_ENERGY_ERROR = 1000.0;
    private final int maxDepth;

    NutsTransition(int maxDepth) {
        if (maxDepth < 1 || maxDepth > 30) {
            throw new IllegalArgumentException("NUTS: maxTreeDepth must be in 1..30, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    @Override
    public TreeState newState(int dimension) {
        return new TreeState(dimension, maxDepth);
    }

    @Override
    public void begin(Chain<TreeState> chain) {
        TreeState t = chain.transition;
        Metric metric = chain.metric();
        t.left.copyPositionFrom(chain.position);
        metric.sampleMomentum(chain.cursor.stream, t.left.p);
        t.right.copyFrom(t.left);
        t.proposal.copyFrom(t.left);
        t.initialEnergy = t.left.hamiltonian(metric);
        t.proposalEnergy = t.initialEnergy;
        t.logWeight = 0;
        System.arraycopy(t.left.p, 0, t.rho, 0, t.rho.length);
        t.stepSize = chain.adaptation.stepSize;
        t.depth = 0;
        t.sumAcceptProb = 0;
        t.leapfrogs = 0;
        t.diverged = false;
        beginSubtree(chain);
    }

    /** A new subtree of 2^depth leaves, in a direction drawn from the chain's stream, from that edge. */
    private static void beginSubtree(Chain<TreeState> chain) {
        TreeState t = chain.transition;
        SubtreeState s = t.subtree;
        s.toRight = chain.cursor.stream.uniformDouble() >= 0.5;
        s.leaf.copyFrom(s.toRight ? t.right : t.left);
        s.logWeight = Double.NEGATIVE_INFINITY;
        java.util.Arrays.fill(s.rho, 0);
        s.leafIndex = 0;
        s.leaves = 1 << t.depth;
        s.diverged = false;
        s.turning = false;
    }

    @Override
    public boolean afterLeapfrog(Chain<TreeState> chain, boolean finite) {
        TreeState t = chain.transition;
        SubtreeState s = t.subtree;
        Metric metric = chain.metric();
        IntegratorState leaf = s.leaf;
        t.leapfrogs++;
        double energy = finite ? leaf.hamiltonian(metric) : Double.NaN;
        double logWeight = t.initialEnergy - energy;
        if (!(logWeight >= -MAX_ENERGY_ERROR)) {
            s.diverged = true;
            if (logWeight > Double.NEGATIVE_INFINITY) {   // finite, and far below 0: adds about nothing
                t.sumAcceptProb += Math.exp(logWeight);
            }
            return merge(chain);
        }
        t.sumAcceptProb += Math.min(1.0, Math.exp(logWeight));

        // Multinomial sampling within the subtree: take the new leaf with probability w_leaf / W_subtree.
        s.logWeight = logAddExp(s.logWeight, logWeight);
        if (Math.log(chain.cursor.stream.uniformDouble()) < logWeight - s.logWeight) {
            s.proposal.copyPositionFrom(leaf);
            s.proposalEnergy = energy;
        }
        int d = s.rho.length;
        for (int k = 0; k < d; k++) {
            s.rho[k] += leaf.p[k];
        }
        int n = s.leafIndex;
        int idxMax = Integer.bitCount(n >> 1);
        if (n % 2 == 0) {
            System.arraycopy(leaf.p, 0, s.checkpointP, idxMax * d, d);
            System.arraycopy(s.rho, 0, s.checkpointRho, idxMax * d, d);
        } else {
            // U-turn between the new leaf and the left end of each balanced sub-subtree it closes.
            int idxMin = idxMax - Integer.numberOfTrailingZeros(~n) + 1;
            for (int k = idxMax; k >= idxMin && !s.turning; k--) {
                for (int j = 0; j < d; j++) {
                    s.subRho[j] = s.rho[j] - s.checkpointRho[k * d + j] + s.checkpointP[k * d + j];
                }
                s.turning = metric.turning(s.checkpointP, k * d, leaf.p, s.subRho);
            }
        }
        s.leafIndex++;
        if (s.turning || s.leafIndex == s.leaves) {
            return merge(chain);
        }
        return false;
    }

    /**
     * Joins the finished subtree to the tree: biased progressive sampling of the proposal (take the
     * subtree's with probability min(1, W_sub / W_old)), the new edge and momentum sum, and the no-U-turn
     * check across the whole tree. A subtree that diverged or turned inside is dropped and ends the tree.
     *
     * @return true when the tree is finished
     */
    private boolean merge(Chain<TreeState> chain) {
        TreeState t = chain.transition;
        SubtreeState s = t.subtree;
        t.depth++;
        if (s.diverged) {
            t.diverged = true;
            return true;
        }
        if (s.turning) {
            return true;
        }
        if (Math.log(chain.cursor.stream.uniformDouble()) < s.logWeight - t.logWeight) {
            t.proposal.copyPositionFrom(s.proposal);
            t.proposalEnergy = s.proposalEnergy;
        }
        t.logWeight = logAddExp(t.logWeight, s.logWeight);
        for (int k = 0; k < t.rho.length; k++) {
            t.rho[k] += s.rho[k];
        }
        (s.toRight ? t.right : t.left).copyFrom(s.leaf);
        if (chain.metric().turning(t.left.p, t.right.p, t.rho) || t.depth == maxDepth) {
            return true;
        }
        beginSubtree(chain);
        return false;
    }

    @Override
    public TransitionStats finish(Chain<TreeState> chain) {
        TreeState t = chain.transition;
        chain.position.copyPositionFrom(t.proposal);
        return new TransitionStats(t.sumAcceptProb / t.leapfrogs, t.depth, t.leapfrogs, t.diverged,
                t.proposalEnergy);
    }

    /** log(exp(a) + exp(b)) with a possibly minus infinity. */
    static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
