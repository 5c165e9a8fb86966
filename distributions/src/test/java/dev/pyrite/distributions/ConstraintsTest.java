package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.pyrite.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Each constraint accepts members and rejects non-members, reducing its event dimensions. */
class ConstraintsTest {
    private static void expect(Constraint c, Tensor value, double... expected) {
        assertArrayEquals(expected, c.check(value).castTo(DataType.DOUBLE).toDoubleArray(), c.name());
    }

    @Test
    void scalarConstraints() {
        Tensor v = Tensor.of(-1.0, 0.0, 0.5, 1.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY);
        expect(Constraints.REAL, v, 1, 1, 1, 1, 1, 0, 0);
        expect(Constraints.POSITIVE, v, 0, 0, 1, 1, 1, 0, 0);
        expect(Constraints.NONNEGATIVE, v, 0, 1, 1, 1, 1, 0, 0);
        expect(Constraints.UNIT_INTERVAL, v, 0, 1, 1, 1, 0, 0, 0);
        expect(Constraints.interval(-1.0, 1.0), v, 1, 1, 1, 1, 0, 0, 0);
        expect(Constraints.greaterThan(0.0), v, 0, 0, 1, 1, 1, 0, 0);
        expect(Constraints.greaterThanEq(Tensor.scalar(0.5)), v, 0, 0, 1, 1, 1, 0, 0);
        expect(Constraints.BOOLEAN, v, 0, 1, 0, 1, 0, 0, 0);
        expect(Constraints.NONNEGATIVE_INTEGER, v, 0, 1, 0, 1, 1, 0, 0);
        expect(Constraints.integerInterval(0, 1), v, 0, 1, 0, 1, 0, 0, 0);
        expect(Constraints.INTEGER, v, 1, 1, 0, 1, 1, 0, 0);
        expect(Constraints.integerInterval(Tensor.scalar(-1.0), Tensor.of(1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0)), v,
                1, 1, 0, 1, 1, 0, 0);
        expect(Constraints.integerInterval(0, 3), Tensor.ofLongs(-1, 0, 3, 4), 0, 1, 1, 0);
    }

    @Test
    void vectorConstraints() {
        Tensor v = Tensor.of(new double[][]{{0.2, 0.3, 0.5}, {0.5, 0.5, 0.5}, {-0.1, 0.6, 0.5}, {0.0, 0.0, 1.0}});
        expect(Constraints.SIMPLEX, v, 1, 0, 0, 1);
        expect(Constraints.ORDERED_VECTOR, v, 1, 0, 0, 0);
        expect(Constraints.ORDERED_VECTOR, Tensor.of(new double[][]{{-2, 0, 3}, {1, 1, 2}}), 1, 0);
        expect(Constraints.REAL_VECTOR, v, 1, 1, 1, 1);
        expect(Constraints.ONE_HOT, v, 0, 0, 0, 1);
        expect(Constraints.multinomial(3), Tensor.of(new double[][]{{1, 2, 0}, {1, 1, 0}, {3, 0, 0}, {-1, 4, 0}}), 1, 0, 1, 0);
    }

    @Test
    void matrixConstraints() {
        Tensor m = Tensor.of(Nd4j.createFromArray(new double[][][]{
                {{1, 0}, {0.6, 0.8}},      // correlation Cholesky factor
                {{2, 0}, {0.5, 3}},        // lower Cholesky, rows not unit
                {{1, 0.1}, {0.6, 0.8}},    // not lower triangular
                {{-1, 0}, {0.6, 0.8}}}));   // negative diagonal
        expect(Constraints.LOWER_CHOLESKY, m, 1, 1, 0, 0);
        expect(Constraints.CORR_CHOLESKY, m, 1, 0, 0, 0);
        Tensor a = Tensor.of(Nd4j.createFromArray(new double[][][]{
                {{2, 0.5}, {0.5, 1}},      // positive definite
                {{1, 2}, {2, 1}},          // symmetric, indefinite
                {{2, 0.5}, {0.4, 1}},      // not symmetric
                {{0, 0}, {0, 1}}}));        // singular
        expect(Constraints.POSITIVE_DEFINITE, a, 1, 0, 0, 0);
    }
}
