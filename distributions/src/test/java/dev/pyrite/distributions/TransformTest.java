package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every transform: inverse(forward(x)) = x, and logAbsDetJacobian against the log |det| of a float64
 * central-difference Jacobian taken on the free coordinates of input and output (the lower triangle
 * of a Cholesky factor, the first K-1 entries of a simplex); plus the bijectTo registry.
 */
class TransformTest {
    private static final Random RANDOM = new Random(3);

    private static Tensor normal(long... shape) {
        double[] v = new double[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = RANDOM.nextGaussian();
        }
        return Tensor.of(Nd4j.create(v, shape, DataType.DOUBLE));
    }

    /** Flat indices of the lower triangle of a d x d matrix, with or without the diagonal. */
    private static int[] lower(int d, boolean diagonal) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < (diagonal ? i + 1 : i); j++) {
                idx.add(i * d + j);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * A case: input x of shape batch + input event ({@code inRank} dimensions), the input coordinates
     * perturbed and the output coordinates read, both as flat indices into one event.
     */
    private record Case(String name, Transform t, Tensor x, int inRank, int[] inCoords, int outRank, int[] outCoords) {
    }

    private static List<Case> cases() {
        Tensor l3 = LowerCholeskyTransform.of().forward(normal(2, 6));
        return List.of(
                new Case("Exp", ExpTransform.of(), normal(7), 0, all(1), 0, all(1)),
                new Case("Affine", AffineTransform.of(Tensor.of(1.0, -2.0, 0.5), Tensor.of(2.0, -0.5, 3.0)), normal(2, 3),
                        0, all(1), 0, all(1)),
                new Case("Affine on events", AffineTransform.of(Tensor.of(1.0, -2.0, 0.5), Tensor.of(2.0, -0.5, 3.0), 1),
                        normal(2, 3), 1, all(3), 1, all(3)),
                new Case("Sigmoid", SigmoidTransform.of(), normal(7).mul(3.0), 0, all(1), 0, all(1)),
                new Case("Softplus", SoftplusTransform.of(), normal(7).mul(3.0), 0, all(1), 0, all(1)),
                new Case("StickBreaking", StickBreakingTransform.of(), normal(3, 4), 1, all(4), 1, all(4)),
                new Case("Ordered", OrderedTransform.of(), normal(3, 4), 1, all(4), 1, all(4)),
                new Case("LowerCholesky", LowerCholeskyTransform.of(), normal(3, 6), 1, all(6), 2, lower(3, true)),
                new Case("CorrCholesky", CorrCholeskyTransform.of(), normal(3, 6), 1, all(6), 2, lower(4, false)),
                new Case("CholeskyOuter", CholeskyOuterTransform.of(), l3, 2, lower(3, true), 2, lower(3, true)),
                new Case("Compose exp then affine", ComposeTransform.of(ExpTransform.of(), AffineTransform.of(2.0, 3.0)),
                        normal(5), 0, all(1), 0, all(1)),
                new Case("Compose exp then stick breaking", ComposeTransform.of(ExpTransform.of(), StickBreakingTransform.of()),
                        normal(2, 3), 1, all(3), 1, all(3)),
                new Case("Compose to positive definite", Transforms.bijectTo(Constraints.POSITIVE_DEFINITE), normal(2, 6),
                        1, all(6), 2, lower(3, true)));
    }

    @TestFactory
    List<DynamicTest> inverseAndLogDetJacobian() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(dynamicTest(c.name(), () -> check(c)));
        }
        return tests;
    }

    private static void check(Case c) {
        Tensor x = c.x();
        Tensor y = c.t().forward(x);
        assertArrayEquals(c.t().forwardShape(x.shape()), y.shape(), c.name() + " forwardShape");
        assertArrayEquals(x.shape(), c.t().inverseShape(y.shape()), c.name() + " inverseShape");
        double[] xs = x.toDoubleArray();
        double[] back = c.t().inverse(y).toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            Assertions2.close(xs[i], back[i], 1e-9, c.name() + " inverse(forward(x))[" + i + "]");
        }
        double[] ld = c.t().logAbsDetJacobian(x, y).toDoubleArray();
        long[] xShape = x.shape();
        int inEvent = (int) Shapes.size(Arrays.copyOfRange(xShape, xShape.length - c.inRank(), xShape.length));
        long[] yShape = y.shape();
        int outEvent = (int) Shapes.size(Arrays.copyOfRange(yShape, yShape.length - c.outRank(), yShape.length));
        int batch = xs.length / inEvent;
        assertEquals(batch, ld.length, c.name() + " log-det shape " + Arrays.toString(c.t().logAbsDetJacobian(x, y).shape()));
        int n = c.inCoords().length;
        assertEquals(n, c.outCoords().length, c.name() + ": square Jacobian");
        for (int b = 0; b < batch; b++) {
            double[][] jac = new double[n][n];
            for (int j = 0; j < n; j++) {
                int at = b * inEvent + c.inCoords()[j];
                double h = 1e-5 * Math.max(1, Math.abs(xs[at]));
                double[] up = forwardWith(c, xs, at, xs[at] + h);
                double[] down = forwardWith(c, xs, at, xs[at] - h);
                for (int i = 0; i < n; i++) {
                    int o = b * outEvent + c.outCoords()[i];
                    jac[i][j] = (up[o] - down[o]) / (2 * h);
                }
            }
            double det = new LUDecomposition(MatrixUtils.createRealMatrix(jac)).getDeterminant();
            assertEquals(Math.log(Math.abs(det)), ld[b], 1e-6, c.name() + " log |det J| of batch element " + b);
        }
        assertTrue(allTrue(Transforms.codomain(c.t()).check(y)), c.name() + " lands in its codomain "
                + Transforms.codomain(c.t()).name());
    }

    private static double[] forwardWith(Case c, double[] xs, int at, double value) {
        double[] v = xs.clone();
        v[at] = value;
        INDArray a = Nd4j.create(v, c.x().shape(), DataType.DOUBLE);
        return c.t().forward(Tensor.of(a)).toDoubleArray();
    }

    private static boolean allTrue(Tensor mask) {
        return mask.castTo(DataType.DOUBLE).array().minNumber().doubleValue() > 0.5;
    }

    @Test
    void bijectToEveryContinuousSupport() {
        record Target(Constraint c, long[] unconstrained) {
        }
        List<Target> targets = List.of(
                new Target(Constraints.REAL, new long[]{5}),
                new Target(Constraints.REAL_VECTOR, new long[]{2, 3}),
                new Target(Constraints.POSITIVE, new long[]{5}),
                new Target(Constraints.NONNEGATIVE, new long[]{5}),
                new Target(Constraints.UNIT_INTERVAL, new long[]{5}),
                new Target(Constraints.interval(-2.0, 3.0), new long[]{5}),
                new Target(Constraints.interval(Tensor.of(0.0, 1.0), Tensor.of(1.0, 5.0)), new long[]{3, 2}),
                new Target(Constraints.greaterThan(1.5), new long[]{5}),
                new Target(Constraints.greaterThanEq(Tensor.of(-1.0, 2.0)), new long[]{3, 2}),
                new Target(Constraints.SIMPLEX, new long[]{2, 3}),
                new Target(Constraints.ORDERED_VECTOR, new long[]{2, 4}),
                new Target(Constraints.LOWER_CHOLESKY, new long[]{2, 6}),
                new Target(Constraints.CORR_CHOLESKY, new long[]{2, 3}),
                new Target(Constraints.POSITIVE_DEFINITE, new long[]{2, 6}));
        for (Target target : targets) {
            Transform t = Transforms.bijectTo(target.c());
            Tensor x = normal(target.unconstrained()).mul(2.0);
            Tensor y = t.forward(x);
            assertTrue(allTrue(target.c().check(y)), "bijectTo(" + target.c().name() + ") lands in the set");
            double[] back = t.inverse(y).toDoubleArray();
            double[] xs = x.toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                Assertions2.close(xs[i], back[i], 1e-8, "bijectTo(" + target.c().name() + ") round trip");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.bijectTo(Constraints.NONNEGATIVE_INTEGER));
        assertTrue(e.getMessage().contains("discrete"), e.getMessage());
    }

    @Test
    void supportsOfFamiliesMapBack() {
        // the transforms HMC would use for a few families' supports
        assertTrue(Transforms.bijectTo(Gamma.of(2.0, 1.0).support()) instanceof ExpTransform);
        assertTrue(Transforms.bijectTo(Beta.of(2.0, 1.0).support()) instanceof SigmoidTransform);
        assertTrue(Transforms.bijectTo(Dirichlet.of(Tensor.ones(3)).support()) instanceof StickBreakingTransform);
        assertTrue(Transforms.bijectTo(LKJCholesky.of(3, 1.0).support()) instanceof CorrCholeskyTransform);
        Transform u = Transforms.bijectTo(Uniform.of(-1.0, 4.0).support());
        double y = u.forward(Tensor.scalar(0.0)).item();
        assertEquals(1.5, y, 1e-12);
        Transform p = Transforms.bijectTo(Pareto.of(2.0, 3.0).support());
        assertTrue(p.forward(Tensor.scalar(-30.0)).item() >= 2.0);
    }
}
