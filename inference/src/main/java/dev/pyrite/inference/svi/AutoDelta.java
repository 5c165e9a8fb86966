package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Delta;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * A point estimate (MAP) of every latent site: {@code Delta(bijectTo(support)(loc_z))}, parameter
 * {@code AutoDelta.loc.z} (unconstrained). The ELBO is then the log joint at the point (no Jacobian:
 * the mode in the constrained space, as Pyro's AutoDelta). Its quantiles and samples are the point.
 *
 * <pre>{@code
 * AutoDelta guide = AutoDelta.of(model);
 * }</pre>
 */
public final class AutoDelta extends AutoGuide {
    private AutoDelta(SviModel model) {
        super(model, "AutoDelta");
    }

    public static AutoDelta of(SviModel model) {
        return new AutoDelta(model);
    }


    @Override
    protected void initialise(Map<String, Tensor> initLocs) {
        for (Site s : sites()) {
            store().getOrInit(name("loc." + s.name()), () -> initLocs.get(s.name()), Constraints.REAL);
        }
    }

    @Override
    protected void sampleSites() {
        for (Site s : sites()) {
            Tensor x = s.transform().forward(Pyrite.param(name("loc." + s.name())));
            Pyrite.sample(s.name(), Delta.of(x, Tensor.scalar(0.0).castTo(x.dtype()), s.eventDims()));
        }
    }

    @Override
    protected Tensor flatLoc() {
        Tensor[] parts = new Tensor[sites().size()];
        for (int i = 0; i < parts.length; i++) {
            Site s = sites().get(i);
            parts[i] = store().get(name("loc." + s.name())).reshape(s.size());
        }
        return Tensor.concat(0, parts);
    }

    @Override
    protected Tensor flatScale() {
        return flatLoc().zerosLike();
    }

    @Override
    protected Tensor flatSample(int n, RandomStream stream) {
        Tensor loc = flatLoc();
        return loc.unsqueeze(0).broadcastTo(n, loc.size(0));
    }
}
