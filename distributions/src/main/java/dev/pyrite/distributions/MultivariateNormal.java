package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The multivariate normal distribution on R^d, given by a covariance matrix, a precision matrix or the
 * lower Cholesky factor L of the covariance (all batched):
 * {@code p(x) = (2 pi)^(-d/2) |Sigma|^(-1/2) exp(-(x - loc)^T Sigma^-1 (x - loc) / 2)}, with
 * {@code Sigma = L L^T}. The density is computed with one triangular solve and
 * {@code log |Sigma| = 2 sum log diag L}.
 */
public final class MultivariateNormal implements Distribution {
    private final Tensor loc;
    private final Tensor scaleTril;
    private final long[] batchShape;
    private final long dim;
    private Tensor scaleTrilInverse;

    private MultivariateNormal(Tensor loc, Tensor scaleTril, long[] batchShape) {
        this.loc = loc;
        this.scaleTril = scaleTril;
        this.batchShape = batchShape;
        this.dim = loc.size(-1);
    }

    private static long[] checkShapes(Tensor loc, Tensor matrix, String name) {
        Checks.minRank("MultivariateNormal", "loc", loc, 1, "the event dimension");
        Checks.minRank("MultivariateNormal", name, matrix, 2, "a d x d matrix");
        long d = loc.size(-1);
        Checks.require(matrix.size(-1) == d && matrix.size(-2) == d, "MultivariateNormal", "parameter " + name
                + " must be " + d + " x " + d + " to match loc of shape " + Shapes.format(loc.shape()) + ", got shape "
                + Shapes.format(matrix.shape()));
        long[] ls = loc.shape();
        long[] ms = matrix.shape();
        Checks.param("MultivariateNormal", "loc", loc, Constraints.REAL);
        return Checks.broadcast("MultivariateNormal", new String[]{"loc batch", name + " batch"},
                Arrays.copyOf(ls, ls.length - 1), Arrays.copyOf(ms, ms.length - 2));
    }

    /** By the lower Cholesky factor of the covariance (lower triangular, positive diagonal). */
    public static MultivariateNormal ofScaleTril(Tensor loc, Tensor scaleTril) {
        long[] batch = checkShapes(loc, scaleTril, "scaleTril");
        Checks.param("MultivariateNormal", "scaleTril", scaleTril, Constraints.LOWER_CHOLESKY);
        return new MultivariateNormal(loc, scaleTril, batch);
    }

    /** By the covariance matrix (symmetric positive definite). */
    public static MultivariateNormal ofCovariance(Tensor loc, Tensor covariance) {
        long[] batch = checkShapes(loc, covariance, "covariance");
        Checks.param("MultivariateNormal", "covariance", covariance, Constraints.POSITIVE_DEFINITE);
        return new MultivariateNormal(loc, BatchedLinearAlgebra.cholesky(covariance), batch);
    }

    /**
     * By the precision (inverse covariance) matrix P. With J the exchange matrix (reversing the order of
     * the coordinates) and {@code J P J = Lf Lf^T}, the factor {@code L = J Lf^-T J} is lower triangular
     * with {@code L L^T = P^-1}, so the covariance is never formed by an explicit inverse.
     */
    public static MultivariateNormal ofPrecision(Tensor loc, Tensor precision) {
        long[] batch = checkShapes(loc, precision, "precision");
        Checks.param("MultivariateNormal", "precision", precision, Constraints.POSITIVE_DEFINITE);
        long d = loc.size(-1);
        Tensor j = exchange(d).castTo(precision.dtype());
        Tensor lf = BatchedLinearAlgebra.cholesky(j.matmul(precision).matmul(j));
        Tensor eye = Tensor.eye(d).castTo(precision.dtype()).broadcastTo(lf.shape());
        Tensor lfInvT = lf.triangularSolve(eye, true, true);
        return new MultivariateNormal(loc, j.matmul(lfInvT).matmul(j), batch);
    }

    private static Tensor exchange(long d) {
        double[][] e = new double[(int) d][(int) d];
        for (int i = 0; i < d; i++) {
            e[i][(int) d - 1 - i] = 1.0;
        }
        return Tensor.of(e);
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor scaleTril() {
        return scaleTril;
    }

    /** L L^T. */
    public Tensor covariance() {
        return scaleTril.matmul(scaleTril.transpose());
    }

    /** (L L^T)^-1 = L^-T L^-1. */
    public Tensor precision() {
        Tensor lInv = scaleTrilInverse();
        return lInv.transpose().matmul(lInv);
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return new long[]{dim};
    }

    /** L^-1, computed once per distribution (immutable, so a benign race at worst recomputes it). */
    private Tensor scaleTrilInverse() {
        Tensor inv = scaleTrilInverse;
        if (inv == null) {
            inv = BatchedLinearAlgebra.lowerInverse(scaleTril);
            scaleTrilInverse = inv;
        }
        return inv;
    }

    private Tensor halfLogDet() {
        return scaleTril.diagonal().log().sum(false, -1);
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("MultivariateNormal", value, batchShape, eventShape());
        Checks.value("MultivariateNormal", value, Constraints.REAL_VECTOR);
        Tensor diff = Values.like(value, loc).sub(loc);
        Tensor maha = BatchedLinearAlgebra.squaredNormOfProduct(scaleTrilInverse(), diff);
        return maha.mul(-0.5).sub(halfLogDet().add(dim * SpecialFunctions.HALF_LOG_2PI));
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return rsample(stream, sampleShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        Tensor eps = Noise.normal(stream, loc.dtype(), Noise.shape(sampleShape, batchShape, dim));
        return loc.add(BatchedLinearAlgebra.matVec(scaleTril, eps));
    }

    @Override
    public Constraint support() {
        return Constraints.REAL_VECTOR;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("MultivariateNormal", batchShape, shape);
        return new MultivariateNormal(loc.broadcastTo(Shapes.concat(s, new long[]{dim})),
                scaleTril.broadcastTo(Shapes.concat(s, new long[]{dim, dim})), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(Shapes.concat(batchShape, new long[]{dim}));
    }

    /** The diagonal of the covariance: row sums of L squared. */
    @Override
    public Tensor variance() {
        return scaleTril.square().sum(false, -1).broadcastTo(Shapes.concat(batchShape, new long[]{dim}));
    }

    /** d/2 (1 + log 2 pi) + log |L|. */
    @Override
    public Tensor entropy() {
        return halfLogDet().add(dim * (0.5 + SpecialFunctions.HALF_LOG_2PI)).broadcastTo(batchShape);
    }
}
