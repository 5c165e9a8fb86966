package dev.pyrite.inference.svi;

import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.Set;

/**
 * The Monte Carlo ELBO {@code E_q[log p(x, z) - log q(z)]}: pathwise gradients through reparameterised
 * guide sites, score-function terms (with a moving-average baseline) for the others, averaged over
 * {@code numParticles} particles that run as one plate.
 *
 * <pre>{@code
 * SVI svi = new SVI(model, guide, Adam.of(0.01), TraceELBO.of(16));
 * }</pre>
 */
public class TraceELBO extends Elbo {
    protected TraceELBO(int numParticles) {
        super(numParticles);
    }

    public static TraceELBO of() {
        return new TraceELBO(1);
    }

    public static TraceELBO of(int numParticles) {
        return new TraceELBO(numParticles);
    }

    @Override
    Terms terms(Trace model, Trace guide, Set<String> scoreSites, Particles p) {
        Tensor elbo = null;
        for (Message m : model.sites()) {
            if (counts(m)) {
                elbo = plus(elbo, p.perParticle(m.scaledLogProb()));
            }
        }
        for (Message g : guide.sites()) {
            if (counts(g)) {
                elbo = plus(elbo, p.perParticle(guideLogProb(g)).neg());
            }
        }
        if (elbo == null) {
            elbo = Tensor.zeros(p.n());
        }
        return new Terms(elbo, scoreTerm(guide, scoreSites, p));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(numParticles=" + numParticles() + ")";
    }
}
