package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The multivariate normal distribution whose covariance is low rank plus diagonal,
 * {@code Sigma = W W^T + diag(D)} with {@code covFactor} W of shape [..., d, r] and {@code covDiag} D > 0 of
 * shape [..., d]. The density costs O(d r^2) through the capacitance matrix {@code C = I + W^T D^-1 W}
 * (r x r): Woodbury gives the Mahalanobis term {@code x^T D^-1 x - |Lc^-1 W^T D^-1 x|^2} (C = Lc Lc^T) and
 * the determinant lemma {@code log |Sigma| = log |C| + sum log D}.
 */
public final class LowRankMultivariateNormal implements Distribution {
    private final Tensor loc;
    private final Tensor covFactor;
    private final Tensor covDiag;
    private final Tensor capacitanceTril;
    private final long[] batchShape;
    private final long dim;
    private final long rank;

    private LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag, long[] batchShape) {
        this.loc = loc;
        this.covFactor = covFactor;
        this.covDiag = covDiag;
        this.batchShape = batchShape;
        this.dim = loc.size(-1);
        this.rank = covFactor.size(-1);
        Tensor wtDinv = covFactor.transpose().div(covDiag.unsqueeze(-2));
        Tensor eye = Tensor.eye(rank).castTo(covFactor.dtype());
        this.capacitanceTril = BatchedLinearAlgebra.cholesky(wtDinv.matmul(covFactor).add(eye));
    }

    public static LowRankMultivariateNormal of(Tensor loc, Tensor covFactor, Tensor covDiag) {
        String f = "LowRankMultivariateNormal";
        Checks.minRank(f, "loc", loc, 1, "the event dimension");
        Checks.minRank(f, "covFactor", covFactor, 2, "d x r");
        Checks.minRank(f, "covDiag", covDiag, 1, "the event dimension");
        long d = loc.size(-1);
        Checks.require(covFactor.size(-2) == d && covDiag.size(-1) == d, f, "covFactor must be " + d
                + " x r and covDiag of length " + d + " to match loc of shape " + Shapes.format(loc.shape())
                + ", got shapes " + Shapes.format(covFactor.shape()) + " and " + Shapes.format(covDiag.shape()));
        Checks.param(f, "loc", loc, Constraints.REAL);
        Checks.param(f, "covFactor", covFactor, Constraints.REAL);
        Checks.param(f, "covDiag", covDiag, Constraints.POSITIVE);
        long[] ls = loc.shape();
        long[] ws = covFactor.shape();
        long[] ds = covDiag.shape();
        long[] batch = Checks.broadcast(f, new String[]{"loc batch", "covFactor batch", "covDiag batch"},
                Arrays.copyOf(ls, ls.length - 1), Arrays.copyOf(ws, ws.length - 2), Arrays.copyOf(ds, ds.length - 1));
        return new LowRankMultivariateNormal(loc, covFactor, covDiag, batch);
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor covFactor() {
        return covFactor;
    }

    public Tensor covDiag() {
        return covDiag;
    }

    /** W W^T + diag(D). */
    public Tensor covariance() {
        Tensor diag = covDiag.unsqueeze(-1).mul(Tensor.eye(dim).castTo(covDiag.dtype()));
        return covFactor.matmul(covFactor.transpose()).add(diag);
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return new long[]{dim};
    }

    private Tensor logDet() {
        return capacitanceTril.diagonal().log().sum(false, -1).mul(2.0).add(covDiag.log().sum(false, -1));
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("LowRankMultivariateNormal", value, batchShape, eventShape());
        Checks.value("LowRankMultivariateNormal", value, Constraints.REAL_VECTOR);
        Tensor diff = Values.like(value, loc).sub(loc);
        Tensor scaled = diff.div(covDiag);
        Tensor wtx = BatchedLinearAlgebra.matVec(covFactor.transpose(), scaled);
        Tensor maha = diff.mul(scaled).sum(false, -1).sub(BatchedLinearAlgebra.squaredNormOfProduct(
                BatchedLinearAlgebra.lowerInverse(capacitanceTril), wtx));
        return maha.add(logDet()).add(dim * SpecialFunctions.LOG_2PI).mul(-0.5);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return rsample(stream, sampleShape);
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** loc + W eps_r + sqrt(D) eps_d. */
    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        Tensor epsW = Noise.normal(stream, loc.dtype(), Noise.shape(sampleShape, batchShape, rank));
        Tensor epsD = Noise.normal(stream, loc.dtype(), Noise.shape(sampleShape, batchShape, dim));
        return loc.add(BatchedLinearAlgebra.matVec(covFactor, epsW)).add(covDiag.sqrt().mul(epsD));
    }

    @Override
    public Constraint support() {
        return Constraints.REAL_VECTOR;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("LowRankMultivariateNormal", batchShape, shape);
        return new LowRankMultivariateNormal(loc.broadcastTo(Shapes.concat(s, new long[]{dim})),
                covFactor.broadcastTo(Shapes.concat(s, new long[]{dim, rank})),
                covDiag.broadcastTo(Shapes.concat(s, new long[]{dim})), s);
    }

    @Override
    public Tensor mean() {
        return loc.broadcastTo(Shapes.concat(batchShape, new long[]{dim}));
    }

    @Override
    public Tensor variance() {
        return covFactor.square().sum(false, -1).add(covDiag).broadcastTo(Shapes.concat(batchShape, new long[]{dim}));
    }

    @Override
    public Tensor entropy() {
        return logDet().mul(0.5).add(dim * (0.5 + SpecialFunctions.HALF_LOG_2PI)).broadcastTo(batchShape);
    }
}
