package dev.pyrite.inference.pathfinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The L-BFGS path and its line search on functions with known minima, evaluated in plain Java: every
 * accepted step satisfies the strong Wolfe conditions, and the path ends at the minimiser.
 */
class LbfgsPathTest {

    /** Rosenbrock's function, minimum 0 at (1, 1). */
    private static double rosenbrock(double[] x, double[] grad) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        grad[0] = -2 * a - 400 * x[0] * b;
        grad[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    @Test
    void minimisesRosenbrock() {
        LbfgsPath path = new LbfgsPath(2, 6, 1000, 1e4 * Math.ulp(1.0), 1e-8, RandomStream.of(1));
        double[] grad = new double[2];
        int evaluations = 0;
        while (!path.done()) {
            double u = rosenbrock(path.point(), grad);
            path.observe(u, grad, 0);
            evaluations++;
        }
        double[] end = path.positions().get(path.positions().size() - 1);
        assertEquals(1.0, end[0], 1e-5, "x at the end: " + path.stopReason());
        assertEquals(1.0, end[1], 1e-5, "y at the end: " + path.stopReason());
        assertEquals(evaluations, path.evaluations());
        assertTrue(path.positions().size() < 200, "iterations: " + path.positions().size());
        // the objective never increases along the accepted iterates (sufficient decrease)
        for (int l = 1; l < path.potentials().size(); l++) {
            assertTrue(path.potentials().get(l) <= path.potentials().get(l - 1), "iterate " + l);
        }
    }

    @Test
    void acceptedStepsSatisfyTheStrongWolfeConditions() {
        // phi(a) = (a - 3)^2 + sin(4 a): several local minima; phi'(0) = -6 + 4 < 0
        for (double first : new double[]{0.01, 1, 10, 100}) {
            WolfeLineSearch search = new WolfeLineSearch(phi(0), dphi(0), first);
            WolfeLineSearch.Outcome outcome;
            do {
                double a = search.trial();
                outcome = search.observe(phi(a), dphi(a));
            } while (outcome == WolfeLineSearch.Outcome.CONTINUE);
            assertEquals(WolfeLineSearch.Outcome.ACCEPT, outcome, "first step " + first);
            double a = search.trial();
            assertTrue(phi(a) <= phi(0) + WolfeLineSearch.C1 * a * dphi(0), "sufficient decrease at " + a);
            assertTrue(Math.abs(dphi(a)) <= WolfeLineSearch.C2 * Math.abs(dphi(0)), "curvature at " + a);
        }
    }

    @Test
    void aNonFiniteTrialShortensTheStep() {
        // phi(a) = a^2 - a for a < 0.8 and +inf beyond: the first trial (5) is not finite
        WolfeLineSearch search = new WolfeLineSearch(0, -1, 5);
        WolfeLineSearch.Outcome outcome;
        do {
            double a = search.trial();
            double phi = a < 0.8 ? a * a - a : Double.POSITIVE_INFINITY;
            outcome = search.observe(phi, a < 0.8 ? 2 * a - 1 : Double.NaN);
        } while (outcome == WolfeLineSearch.Outcome.CONTINUE);
        assertEquals(WolfeLineSearch.Outcome.ACCEPT, outcome);
        assertTrue(search.trial() < 0.8);
    }

    private static double phi(double a) {
        return (a - 3) * (a - 3) + Math.sin(4 * a);
    }

    private static double dphi(double a) {
        return 2 * (a - 3) + 4 * Math.cos(4 * a);
    }
}
