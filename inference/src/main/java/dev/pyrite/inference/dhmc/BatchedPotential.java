package dev.pyrite.inference.dhmc;

/**
 * The potential of every chain in one call, on flat row-major positions {@code [C * D]}: the seam
 * between the integrator and the compiled programs (and a plain Java function in unit tests). The
 * returned arrays belong to the callee and are overwritten by its next call.
 */
interface BatchedPotential {
    /** U of every row, {@code [C]} (or {@code [2C]} for {@code 2C} rows: the first coordinate visit's call). */
    double[] energy(double[] batch);

    /** U {@code [C]} and dU/dq {@code [C * D]} of every chain's row. */
    double[][] energyAndGradient(double[] batch);
}
