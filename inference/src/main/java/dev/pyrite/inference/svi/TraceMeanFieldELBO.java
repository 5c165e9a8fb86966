package dev.pyrite.inference.svi;

import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;

/**
 * The ELBO with the analytic KL divergence {@code -KL(q(z) || p(z | parents))} in place of
 * {@code log p(z | parents) - log q(z)} for every latent site whose guide/model pair has one (see
 * {@link KlDivergence}); other sites are estimated as in {@link TraceELBO}. Lower variance when the
 * guide is mean field and the priors are conjugate-like. The KL is scaled like the model site (plate
 * subsampling); masks on such sites are not applied.
 *
 * <pre>{@code
 * SVI svi = new SVI(model, guide, Adam.of(0.01), TraceMeanFieldELBO.of(4));
 * }</pre>
 */
public final class TraceMeanFieldELBO extends TraceELBO {
    private TraceMeanFieldELBO(int numParticles) {
        super(numParticles);
    }

    public static TraceMeanFieldELBO of() {
        return new TraceMeanFieldELBO(1);
    }

    public static TraceMeanFieldELBO of(int numParticles) {
        return new TraceMeanFieldELBO(numParticles);
    }

    @Override
    Terms terms(Trace model, Trace guide, Set<String> scoreSites, Particles p) {
        Tensor elbo = null;
        Set<String> analytic = new HashSet<>();
        for (Message g : guide.sites()) {
            if (!latent(g) || !model.contains(g.name)) {
                continue;
            }
            Message m = model.site(g.name);
            if (latent(m) && m.mask == null && KlDivergence.has(g.distribution, m.distribution)) {
                Tensor kl = KlDivergence.of(g.distribution, m.distribution);
                if (m.scale != null) {
                    kl = kl.mul(m.scale);
                }
                elbo = plus(elbo, p.perParticle(kl).neg());
                analytic.add(g.name);
            }
        }
        for (Message m : model.sites()) {
            if (counts(m) && !analytic.contains(m.name)) {
                elbo = plus(elbo, p.perParticle(m.scaledLogProb()));
            }
        }
        for (Message g : guide.sites()) {
            if (counts(g) && !analytic.contains(g.name)) {
                elbo = plus(elbo, p.perParticle(guideLogProb(g)).neg());
            }
        }
        if (elbo == null) {
            elbo = Tensor.zeros(p.n());
        }
        return new Terms(elbo, scoreTerm(guide, scoreSites, p));
    }
}
