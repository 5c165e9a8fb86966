package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.LowRankMultivariateNormal;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * A normal over the flat unconstrained vector with covariance {@code W W^T + diag(d)}, {@code W [D, r]}
 * (parameters {@code .loc}, {@code .cov_factor}, {@code .cov_diag}); rank {@code r} defaults to
 * {@code ceil(sqrt(D))}. Sampled as the latent site {@code _AutoLowRankMultivariateNormal_latent}.
 *
 * <pre>{@code
 * AutoLowRankMultivariateNormal guide = AutoLowRankMultivariateNormal.of(model, 3);
 * }</pre>
 */
public final class AutoLowRankMultivariateNormal extends AutoGuide {
    private final int rank;

    private AutoLowRankMultivariateNormal(SviModel model, int rank) {
        super(model, "AutoLowRankMultivariateNormal");
        this.rank = rank;
    }

    /** Rank {@code ceil(sqrt(D))}. */
    public static AutoLowRankMultivariateNormal of(SviModel model) {
        return new AutoLowRankMultivariateNormal(model, 0);
    }

    public static AutoLowRankMultivariateNormal of(SviModel model, int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("AutoLowRankMultivariateNormal: rank must be >= 1, got " + rank);
        }
        return new AutoLowRankMultivariateNormal(model, rank);
    }

    @Override
    protected void initialise(Map<String, Tensor> initLocs) {
        Tensor loc = AutoMultivariateNormal.flatten(sites(), initLocs);
        long d = loc.size(0);
        long r = rank > 0 ? rank : (long) Math.ceil(Math.sqrt(d));
        store().getOrInit(name("loc"), () -> loc, Constraints.REAL);
        store().getOrInit(name("cov_factor"), () -> Tensor.of(RandomStream.of(2).normal(loc.dtype(), d, r)).mul(0.01),
                Constraints.REAL);
        store().getOrInit(name("cov_diag"), () -> Tensor.full(INIT_SCALE * INIT_SCALE, d).castTo(loc.dtype()),
                Constraints.POSITIVE);
    }

    @Override
    protected void sampleSites() {
        Tensor loc = Pyrite.param(name("loc"));
        Tensor w = Pyrite.param(name("cov_factor"));
        Tensor diag = Pyrite.param(name("cov_diag"));
        emitFromFlat(Pyrite.sample("_AutoLowRankMultivariateNormal_latent", LowRankMultivariateNormal.of(loc, w, diag)));
    }

    @Override
    protected Tensor flatLoc() {
        return store().get(name("loc"));
    }

    @Override
    protected Tensor flatScale() {
        return store().get(name("cov_factor")).square().sum(false, -1).add(store().get(name("cov_diag"))).sqrt();
    }

    /** The covariance of the flat unconstrained vector, {@code W W^T + diag(d)}. */
    public Tensor covariance() {
        Tensor w = store().get(name("cov_factor"));
        Tensor diag = store().get(name("cov_diag"));
        return w.matmul(w.transpose()).add(Tensor.eye(diag.size(0)).castTo(diag.dtype()).mul(diag));
    }

    @Override
    protected Tensor flatSample(int n, RandomStream stream) {
        Tensor w = store().get(name("cov_factor"));
        long r = w.size(1);
        Tensor epsW = Tensor.of(stream.normal(w.dtype(), n, r));
        Tensor epsD = Tensor.of(stream.normal(w.dtype(), n, dimension()));
        return flatLoc().add(epsW.matmul(w.transpose())).add(epsD.mul(store().get(name("cov_diag")).sqrt()));
    }
}
