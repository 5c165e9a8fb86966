package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * From packed vectors of length d(d-1)/2 onto Cholesky factors of d x d correlation matrices (lower
 * triangular, positive diagonal, rows of unit norm). Each input becomes a partial correlation
 * {@code z = tanh(x)} in (-1, 1), and row i is built left to right, each entry taking the fraction z of
 * the squared norm still left: {@code L_ij = z_ij sqrt(1 - sum_{k<j} L_ik^2)}, and the diagonal takes the
 * rest. The remainder after j entries is {@code prod_{k<j} (1 - z_ik^2)}, so the whole map is a few
 * vectorised ops. Its Jacobian (strictly lower entries) is triangular:
 * {@code log |det| = sum_{i>j} [log(1 - z_ij^2) + 1/2 sum_{k<j} log(1 - z_ik^2)]}.
 */
public final class CorrCholeskyTransform implements Transform {
    static final CorrCholeskyTransform INSTANCE = new CorrCholeskyTransform();
    private static final double LOG_2 = Math.log(2);

    private CorrCholeskyTransform() {
    }

    public static CorrCholeskyTransform of() {
        return INSTANCE;
    }

    /** log(1 - tanh(x)^2) = 2 (log 2 - |x| - softplus(-2|x|)), stable for large |x|. */
    private static Tensor log1mTanhSquared(Tensor x) {
        Tensor a = x.abs();
        return a.neg().sub(a.mul(-2.0).softplus()).add(LOG_2).mul(2.0);
    }

    private static long dim(Tensor x) {
        return TriangularLayout.dimension(x.size(-1), false, "CorrCholeskyTransform");
    }

    @Override
    public Tensor forward(Tensor x) {
        long d = dim(x);
        Tensor z = TriangularLayout.unpack(x.tanh(), d, false);
        Tensor log1mz2 = TriangularLayout.unpack(log1mTanhSquared(x), d, false);
        Tensor exclusive = log1mz2.cumsum(-1).sub(log1mz2);
        return z.add(Tensor.eye(d).castTo(x.dtype())).mul(exclusive.mul(0.5).exp());
    }

    @Override
    public Tensor inverse(Tensor y) {
        long d = y.size(-1);
        Tensor mask = TriangularLayout.strictLowerMask(d, y);
        Tensor strict = y.mul(mask);
        Tensor sq = strict.square();
        Tensor remaining = sq.cumsum(-1).sub(sq).rsub(1.0);
        // only strictly lower entries are packed; elsewhere the quotient is never read
        Tensor z = TriangularLayout.pack(strict.div(remaining.sqrt()), false);
        return z.log1p().sub(z.neg().log1p()).mul(0.5);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        long d = dim(x);
        Tensor log1mz2 = TriangularLayout.unpack(log1mTanhSquared(x), d, false);
        Tensor exclusive = log1mz2.cumsum(-1).sub(log1mz2);
        Tensor terms = log1mz2.add(exclusive.mul(0.5)).mul(TriangularLayout.strictLowerMask(d, x));
        return terms.sum(false, -1).sum(false, -1);
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
        long d = TriangularLayout.dimension(shape[shape.length - 1], false, "CorrCholeskyTransform");
        long[] s = java.util.Arrays.copyOf(shape, shape.length + 1);
        s[shape.length - 1] = d;
        s[shape.length] = d;
        return s;
    }

    @Override
    public long[] inverseShape(long[] shape) {
        long[] s = java.util.Arrays.copyOf(shape, shape.length - 1);
        s[s.length - 1] = TriangularLayout.size(shape[shape.length - 1], false);
        return s;
    }

    @Override
    public String toString() {
        return "CorrCholeskyTransform";
    }
}
