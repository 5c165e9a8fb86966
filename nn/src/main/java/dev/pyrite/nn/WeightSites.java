package dev.pyrite.nn;

import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a network's weights enter a model: each {@link WeightSpec} becomes a value, and usually a site.
 * The three kinds match Pyro's {@code PyroModule} and NumPyro's {@code flax_module} /
 * {@code random_flax_module}:
 * <ul>
 *   <li>{@link #params()}: {@code param} sites, fitted by SVI;
 *   <li>{@link #prior(Function)} and its shorthands: latent {@code sample} sites with a prior over the
 *       whole array (one site per weight array, its shape the event shape), sampled by NUTS or fitted by
 *       an autoguide: a Bayesian neural network;
 *   <li>{@link #fixed()}: constants (a trained feature extractor), no site at all.
 * </ul>
 * {@link #when(Predicate, WeightSites, WeightSites)} mixes them, e.g. a Bayesian last layer on fixed
 * features:
 * <pre>{@code
 * WeightSites sites = WeightSites.when(w -> w.name().startsWith("layer2."),
 *         WeightSites.normalAroundInit(0.1), WeightSites.fixed());
 * Tensor f = net.forward(x, sites);
 * }</pre>
 * Under C chains or particles a latent weight's value has a leading batch dimension (and singleton
 * plate dimensions), and the layers multiply with all C copies at once.
 */
@FunctionalInterface
public interface WeightSites {
    /** The value of one weight array in the current model run. */
    Tensor site(WeightSpec spec);

    /** Every weight a {@code param} site, initialised at its initial value. */
    static WeightSites params() {
        return spec -> Pyrite.param(spec.name(), spec.init());
    }

    /** Every weight its initial value, as a constant (no site). */
    static WeightSites fixed() {
        return WeightSpec::init;
    }

    /**
     * Every weight a latent site with the prior {@code prior.apply(spec)}, whose batch shape must be the
     * weight's shape (or broadcast to it); the whole array is one event.
     */
    static WeightSites prior(Function<WeightSpec, Distribution> prior) {
        return spec -> {
            Distribution d = prior.apply(spec);
            if (d.eventShape().length == 0) {
                d = d.expand(spec.shape()).toEvent(spec.shape().length);
            }
            return Pyrite.sample(spec.name(), d);
        };
    }

    /** Independent {@code Normal(0, scale)} priors on every weight. */
    static WeightSites normalPrior(double scale) {
        return prior(spec -> Normal.of(spec.init().zerosLike(), Tensor.scalar(scale).castTo(spec.init().dtype())));
    }

    /** Independent {@code Normal(initial value, scale)} priors: centred on trained weights. */
    static WeightSites normalAroundInit(double scale) {
        return prior(spec -> Normal.of(spec.init(), Tensor.scalar(scale).castTo(spec.init().dtype())));
    }

    /** {@code then} for the weights that {@code test} accepts, {@code otherwise} for the others. */
    static WeightSites when(Predicate<WeightSpec> test, WeightSites then, WeightSites otherwise) {
        return spec -> test.test(spec) ? then.site(spec) : otherwise.site(spec);
    }
}
