package dev.pyrite.inference.gibbs;

import dev.pyrite.tensor.RandomStream;

/**
 * Liu's Metropolised Gibbs update of one discrete coordinate (Liu 1996, "Peskun's theorem and a modified
 * discrete-state Gibbs sampler", Biometrika 83): from the current value {@code i} it proposes
 * {@code j != i} with probability {@code pi_j / (1 - pi_i)} and accepts with probability
 * {@code min(1, (1 - pi_i) / (1 - pi_j))}, where {@code pi} is the full conditional. It leaves {@code pi}
 * invariant and moves more often than the plain Gibbs draw (it never proposes to stay), which Peskun's
 * ordering makes at least as efficient. NumPyro's {@code DiscreteHMCGibbs(modified=True)}.
 */
final class ModifiedGibbs {
    private ModifiedGibbs() {
    }

    /**
     * The next value of one chain's coordinate.
     *
     * @param energies the potential at each value, {@code energies[offset + k]} for {@code k < size}
     *                 ({@code +inf} or NaN outside the support)
     * @param current  the index of the current value
     * @param stream   the chain's random stream
     * @return the index of the next value (the current one when the proposal is rejected)
     */
    static int step(double[] energies, int offset, int size, int current, RandomStream stream) {
        double lowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            lowest = Math.min(lowest, energy(energies, offset + k));
        }
        if (lowest == Double.POSITIVE_INFINITY) {
            return current;
        }
        double[] weight = new double[size];
        double others = 0;
        for (int k = 0; k < size; k++) {
            weight[k] = Math.exp(lowest - energy(energies, offset + k));
            if (k != current) {
                others += weight[k];
            }
        }
        if (others == 0) {
            return current;
        }
        // 1 - pi_k as the sum of the other weights, not by subtraction: no cancellation near pi_k = 1
        double total = others + weight[current];
        double target = stream.uniformDouble() * others;
        int proposal = -1;
        for (int k = 0; k < size; k++) {
            if (k != current && weight[k] > 0) {
                proposal = k;
                target -= weight[k];
                if (target < 0) {
                    break;
                }
            }
        }
        double notProposal = total - weight[proposal];
        double accept = Math.min(1, others / notProposal);
        return stream.uniformDouble() < accept ? proposal : current;
    }

    private static double energy(double[] energies, int i) {
        double u = energies[i];
        return Double.isNaN(u) ? Double.POSITIVE_INFINITY : u;
    }
}
