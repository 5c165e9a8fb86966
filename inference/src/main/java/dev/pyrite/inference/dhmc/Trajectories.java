package dev.pyrite.inference.dhmc;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;

/**
 * Every chain's trajectory in flight: the moving position, momentum, potential and gradient, the
 * Hamiltonian it started from, its jittered step size and step count, the steps taken, and the order in
 * which the current step visits the discontinuous coordinates. Chain {@code c}'s vectors sit at
 * {@code c * D}, its visiting order at {@code c * J}.
 */
final class Trajectories implements Checkpointable {
    final int dimension;
    final int discontinuous;
    final double[] q;
    final double[] p;
    final double[] potential;
    final double[] gradient;
    final double[] initialEnergy;
    final double[] stepSize;
    final int[] steps;
    final int[] stepsTaken;
    /** Set when the potential stopped being finite: the trajectory ends, rejected, at this step. */
    final boolean[] diverged;
    final int[] order;

    Trajectories(int chains, int dimension, int discontinuous) {
        this.dimension = dimension;
        this.discontinuous = discontinuous;
        this.q = new double[chains * dimension];
        this.p = new double[chains * dimension];
        this.potential = new double[chains];
        this.gradient = new double[chains * dimension];
        this.initialEnergy = new double[chains];
        this.stepSize = new double[chains];
        this.steps = new int[chains];
        this.stepsTaken = new int[chains];
        this.diverged = new boolean[chains];
        this.order = new int[chains * discontinuous];
    }

    @Override
    public void writeState(StateWriter out) {
        out.doubles("q", q);
        out.doubles("p", p);
        out.doubles("potential", potential);
        out.doubles("gradient", gradient);
        out.doubles("initialEnergy", initialEnergy);
        out.doubles("stepSize", stepSize);
        out.ints("steps", steps);
        out.ints("stepsTaken", stepsTaken);
        int[] flags = new int[diverged.length];
        for (int c = 0; c < flags.length; c++) {
            flags[c] = diverged[c] ? 1 : 0;
        }
        out.ints("diverged", flags);
        out.ints("order", order);
    }

    @Override
    public void readState(StateReader in) {
        in.doublesInto("q", q);
        in.doublesInto("p", p);
        in.doublesInto("potential", potential);
        in.doublesInto("gradient", gradient);
        in.doublesInto("initialEnergy", initialEnergy);
        in.doublesInto("stepSize", stepSize);
        copy(in.ints("steps"), steps, "steps");
        copy(in.ints("stepsTaken"), stepsTaken, "stepsTaken");
        int[] flags = in.ints("diverged");
        check(flags.length, diverged.length, "diverged");
        for (int c = 0; c < flags.length; c++) {
            diverged[c] = flags[c] != 0;
        }
        copy(in.ints("order"), order, "order");
    }

    static void copy(int[] from, int[] to, String name) {
        check(from.length, to.length, name);
        System.arraycopy(from, 0, to, 0, to.length);
    }

    private static void check(int found, int expected, String name) {
        if (found != expected) {
            throw new IllegalArgumentException("DHMC state: section '" + name + "' has " + found
                    + " values, expected " + expected);
        }
    }
}
