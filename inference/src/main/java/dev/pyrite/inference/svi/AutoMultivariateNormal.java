package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.MultivariateNormal;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A full-covariance normal over the flat unconstrained vector of all latent sites (parameters
 * {@code AutoMultivariateNormal.loc [D]} and {@code AutoMultivariateNormal.scale_tril [D, D]}, a lower
 * Cholesky factor), sampled as the latent site {@code _AutoMultivariateNormal_latent}.
 *
 * <pre>{@code
 * AutoMultivariateNormal guide = AutoMultivariateNormal.of(model);
 * }</pre>
 */
public final class AutoMultivariateNormal extends AutoGuide {
    private AutoMultivariateNormal(SviModel model) {
        super(model, "AutoMultivariateNormal");
    }

    public static AutoMultivariateNormal of(SviModel model) {
        return new AutoMultivariateNormal(model);
    }


    static Tensor flatten(List<Site> sites, Map<String, Tensor> locs) {
        Tensor[] parts = new Tensor[sites.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = locs.get(sites.get(i).name()).reshape(sites.get(i).size());
        }
        return Tensor.concat(0, parts);
    }

    @Override
    protected void initialise(Map<String, Tensor> initLocs) {
        Tensor loc = flatten(sites(), initLocs);
        store().getOrInit(name("loc"), () -> loc, Constraints.REAL);
        store().getOrInit(name("scale_tril"), () -> Tensor.eye(loc.size(0)).castTo(loc.dtype()).mul(INIT_SCALE),
                Constraints.LOWER_CHOLESKY);
    }

    @Override
    protected void sampleSites() {
        Tensor loc = Pyrite.param(name("loc"));
        Tensor tril = Pyrite.param(name("scale_tril"));
        emitFromFlat(Pyrite.sample("_AutoMultivariateNormal_latent", MultivariateNormal.ofScaleTril(loc, tril)));
    }

    @Override
    protected Tensor flatLoc() {
        return store().get(name("loc"));
    }

    @Override
    protected Tensor flatScale() {
        return store().get(name("scale_tril")).square().sum(false, -1).sqrt();
    }

    /** The covariance of the flat unconstrained vector, {@code L L^T}. */
    public Tensor covariance() {
        Tensor l = store().get(name("scale_tril"));
        return l.matmul(l.transpose());
    }

    @Override
    protected Tensor flatSample(int n, RandomStream stream) {
        Tensor eps = Tensor.of(stream.normal(flatLoc().dtype(), n, dimension()));
        return flatLoc().add(eps.matmul(store().get(name("scale_tril")).transpose()));
    }
}
