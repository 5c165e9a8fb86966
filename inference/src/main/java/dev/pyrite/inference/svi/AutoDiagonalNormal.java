package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * One diagonal normal over the flat unconstrained vector of all latent sites (parameters
 * {@code AutoDiagonalNormal.loc [D]}, {@code AutoDiagonalNormal.scale [D]}): a latent site
 * {@code _AutoDiagonalNormal_latent}, from which each model site is a Delta at its constrained slice.
 *
 * <pre>{@code
 * AutoDiagonalNormal guide = AutoDiagonalNormal.of(model);
 * }</pre>
 */
public final class AutoDiagonalNormal extends AutoGuide {
    private AutoDiagonalNormal(SviModel model) {
        super(model, "AutoDiagonalNormal");
    }

    public static AutoDiagonalNormal of(SviModel model) {
        return new AutoDiagonalNormal(model);
    }


    @Override
    protected void initialise(Map<String, Tensor> initLocs) {
        Tensor loc = AutoMultivariateNormal.flatten(sites(), initLocs);
        store().getOrInit(name("loc"), () -> loc, Constraints.REAL);
        store().getOrInit(name("scale"), () -> Tensor.full(INIT_SCALE, loc.size(0)).castTo(loc.dtype()),
                Constraints.POSITIVE);
    }

    @Override
    protected void sampleSites() {
        Tensor loc = Pyrite.param(name("loc"));
        Tensor scale = Pyrite.param(name("scale"));
        emitFromFlat(Pyrite.sample("_AutoDiagonalNormal_latent", Normal.of(loc, scale).toEvent(1)));
    }

    @Override
    protected Tensor flatLoc() {
        return store().get(name("loc"));
    }

    @Override
    protected Tensor flatScale() {
        return store().get(name("scale"));
    }

    @Override
    protected Tensor flatSample(int n, RandomStream stream) {
        Tensor eps = Tensor.of(stream.normal(flatLoc().dtype(), n, dimension()));
        return flatLoc().add(flatScale().mul(eps));
    }
}
