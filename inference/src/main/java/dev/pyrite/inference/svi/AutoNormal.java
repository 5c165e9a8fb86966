package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.TransformedDistribution;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * Mean field in the unconstrained space: each latent site {@code z} gets
 * {@code bijectTo(support)(Normal(loc_z, scale_z))}, with parameters {@code AutoNormal.loc.z} and
 * {@code AutoNormal.scale.z} (positive).
 *
 * <pre>{@code
 * AutoNormal guide = AutoNormal.of(model);
 * SVI svi = new SVI(model, guide, Adam.of(0.05), TraceELBO.of(8));
 * for (int i = 0; i < 2000; i++) svi.step(data);
 * Tensor mu = guide.median().get("mu");
 * }</pre>
 */
public final class AutoNormal extends AutoGuide {
    private AutoNormal(SviModel model) {
        super(model, "AutoNormal");
    }

    public static AutoNormal of(SviModel model) {
        return new AutoNormal(model);
    }


    @Override
    protected void initialise(Map<String, Tensor> initLocs) {
        for (Site s : sites()) {
            Tensor loc = initLocs.get(s.name());
            store().getOrInit(name("loc." + s.name()), () -> loc, Constraints.REAL);
            store().getOrInit(name("scale." + s.name()), () -> Tensor.full(INIT_SCALE, loc.shape()).castTo(loc.dtype()),
                    Constraints.POSITIVE);
        }
    }

    @Override
    protected void sampleSites() {
        for (Site s : sites()) {
            Tensor loc = Pyrite.param(name("loc." + s.name()));
            Tensor scale = Pyrite.param(name("scale." + s.name()));
            int uEvent = s.unconstrainedShape().length - (s.shape().length - s.eventDims());
            Pyrite.sample(s.name(), TransformedDistribution.of(Normal.of(loc, scale).toEvent(uEvent), s.transform()));
        }
    }

    @Override
    protected Tensor flatLoc() {
        return flat("loc.");
    }

    @Override
    protected Tensor flatScale() {
        return flat("scale.");
    }

    private Tensor flat(String kind) {
        Tensor[] parts = new Tensor[sites().size()];
        for (int i = 0; i < parts.length; i++) {
            Site s = sites().get(i);
            parts[i] = store().get(name(kind + s.name())).reshape(s.size());
        }
        return Tensor.concat(0, parts);
    }

    @Override
    protected Tensor flatSample(int n, RandomStream stream) {
        Tensor eps = Tensor.of(stream.normal(flatLoc().dtype(), n, dimension()));
        return flatLoc().add(flatScale().mul(eps));
    }
}
