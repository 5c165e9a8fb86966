package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * From packed vectors of length d(d+1)/2 onto lower-triangular d x d matrices with a positive diagonal:
 * the entries fill the lower triangle row by row and the diagonal ones are exponentiated. With respect
 * to the lower-triangular entries, {@code log |det| = sum of the packed diagonal inputs}.
 */
public final class LowerCholeskyTransform implements Transform {
    static final LowerCholeskyTransform INSTANCE = new LowerCholeskyTransform();

    private LowerCholeskyTransform() {
    }

    public static LowerCholeskyTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        long d = TriangularLayout.dimension(x.size(-1), true, "LowerCholeskyTransform");
        Tensor m = TriangularLayout.unpack(x, d, true);
        Tensor strict = m.mul(TriangularLayout.strictLowerMask(d, m));
        return strict.add(TriangularLayout.diagonalMatrix(m.diagonal().exp()));
    }

    @Override
    public Tensor inverse(Tensor y) {
        long d = y.size(-1);
        Tensor strict = y.mul(TriangularLayout.strictLowerMask(d, y));
        return TriangularLayout.pack(strict.add(TriangularLayout.diagonalMatrix(y.diagonal().log())), true);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return y.diagonal().log().sum(false, -1);
    }

    @Override
    public int domainEventDim() {
        return 1;
    }

    @Override
    public int codomainEventDim() {
        return 2;
    }

    @Override
    public long[] forwardShape(long[] shape) {
        long d = TriangularLayout.dimension(shape[shape.length - 1], true, "LowerCholeskyTransform");
        long[] s = java.util.Arrays.copyOf(shape, shape.length + 1);
        s[shape.length - 1] = d;
        s[shape.length] = d;
        return s;
    }

    @Override
    public long[] inverseShape(long[] shape) {
        long[] s = java.util.Arrays.copyOf(shape, shape.length - 1);
        s[s.length - 1] = TriangularLayout.size(shape[shape.length - 1], true);
        return s;
    }

    @Override
    public String toString() {
        return "LowerCholeskyTransform";
    }
}
