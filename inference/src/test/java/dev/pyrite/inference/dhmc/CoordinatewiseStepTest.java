package dev.pyrite.inference.dhmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The coordinate-wise update conserves U + |p| exactly (up to rounding) on a piecewise-constant density,
 * whatever the jumps: the property that makes DHMC's discontinuous coordinates reject nothing.
 */
class CoordinatewiseStepTest {
    private static final int CHAINS = 5;
    private static final int D = 3;

    /** A staircase in each coordinate: U jumps by 0.7 * |floor(q)| plus a tall wall at |q| > 6. */
    private static double staircase(double[] q, int c) {
        double u = 0;
        for (int d = 0; d < D; d++) {
            double x = q[c * D + d];
            u += 0.7 * Math.abs(Math.floor(x)) + (d + 1) * 0.3 * Math.floor(2 * x) % 2;
            if (Math.abs(x) > 6) {
                u += 50;
            }
        }
        return u;
    }

    @Test
    void momentumPaysForTheRiseOrReverses() {
        assertEquals(0.5, CoordinatewiseStep.momentumAfter(2.0, 1.5), 0);
        assertEquals(-0.5, CoordinatewiseStep.momentumAfter(-2.0, 1.5), 0);
        assertEquals(-1.0, CoordinatewiseStep.momentumAfter(1.0, 1.5), 0);
        assertEquals(3.5, CoordinatewiseStep.momentumAfter(1.0, -2.5), 0);
        assertEquals(-1.0, CoordinatewiseStep.momentumAfter(1.0, Double.POSITIVE_INFINITY), 0);
        assertEquals(-1.0, CoordinatewiseStep.momentumAfter(1.0, Double.NaN), 0);
    }

    @Test
    void batchedStepsConserveTheHamiltonianOnAPiecewiseConstantDensity() {
        BatchedPotential staircase = new BatchedPotential() {
            private final double[] u = new double[2 * CHAINS];
            private final double[] g = new double[CHAINS * D];

            @Override
            public double[] energy(double[] batch) {
                for (int c = 0; c < batch.length / D; c++) {
                    u[c] = staircase(batch, c);
                }
                return u;
            }

            @Override
            public double[][] energyAndGradient(double[] batch) {
                return new double[][]{energy(batch), g};
            }
        };
        DhmcIntegrator integrator = new DhmcIntegrator(CHAINS, D, new int[]{0, 1, 2}, staircase);
        Trajectories t = new Trajectories(CHAINS, D, D);
        RandomStream[] streams = RandomStream.of(7).split(CHAINS).toArray(new RandomStream[0]);
        double[] scale = new double[CHAINS * D];
        Arrays.fill(scale, 1.0);
        for (int c = 0; c < CHAINS; c++) {
            t.stepSize[c] = 0.3 + 0.2 * c;
            for (int d = 0; d < D; d++) {
                t.q[c * D + d] = 4 * streams[c].uniformDouble() - 2;
                t.p[c * D + d] = 6 * streams[c].uniformDouble() - 3;
                scale[c * D + d] = 0.5 + d;
            }
        }
        System.arraycopy(staircase.energy(t.q), 0, t.potential, 0, CHAINS);
        double[] initial = new double[CHAINS];
        for (int c = 0; c < CHAINS; c++) {
            initial[c] = integrator.hamiltonian(t, c);
        }
        boolean[] active = new boolean[CHAINS];
        Arrays.fill(active, true);
        double[] start = t.q.clone();
        for (int step = 0; step < 200; step++) {
            integrator.step(t, scale, active, streams);
            for (int c = 0; c < CHAINS; c++) {
                assertEquals(initial[c], integrator.hamiltonian(t, c), 1e-12 * (1 + Math.abs(initial[c])),
                        "chain " + c + " step " + step);
                assertEquals(staircase(t.q, c), t.potential[c], 1e-12, "tracked potential of chain " + c);
            }
        }
        assertTrue(!Arrays.equals(start, t.q), "the coordinates moved");
        assertEquals(200L * D, integrator.energyCalls(), "one batched call per coordinate visit");
        assertEquals(0, integrator.gradientCalls(), "no gradient without continuous coordinates");
    }
}
