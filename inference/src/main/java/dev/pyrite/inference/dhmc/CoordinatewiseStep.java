package dev.pyrite.inference.dhmc;

/**
 * The coordinate-wise update of one discontinuous coordinate with Laplace momentum (Nishimura, Dunson
 * and Lu 2020, Algorithm 1). The coordinate proposes a move of one step in its momentum's direction; the
 * kinetic energy {@code |p|} pays for the rise in potential {@code dU}: when it can, the coordinate moves
 * and {@code |p|} shrinks by exactly {@code dU}; when it cannot, the coordinate stays and the momentum
 * reverses. Either way {@code U + |p|} is unchanged, so these coordinates add nothing to the rejection
 * rate, however large the jumps of the density.
 */
final class CoordinatewiseStep {
    private CoordinatewiseStep() {
    }

    /** Whether momentum {@code p} can pay for the change {@code deltaU} (NaN or +inf never can). */
    static boolean moves(double p, double deltaU) {
        return Math.abs(p) > deltaU;
    }

    /** The momentum after the update: reduced by {@code deltaU} in size if it moves, else reversed. */
    static double momentumAfter(double p, double deltaU) {
        return moves(p, deltaU) ? Math.copySign(Math.abs(p) - deltaU, p) : -p;
    }
}
