package dev.pyrite.inference.svi;

import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.MessageType;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.Set;

/**
 * An estimator of the evidence lower bound from a guide trace and the model trace replayed against it,
 * both run once inside the particles plate: every particle is an entry of one batch dimension.
 * Subclasses choose how each site pair contributes; sites that are not reparameterised get a
 * score-function (REINFORCE) surrogate term with a moving-average baseline, built by {@link SVI}.
 */
public abstract class Elbo {
    private final int numParticles;

    protected Elbo(int numParticles) {
        if (numParticles < 1) {
            throw new IllegalArgumentException("numParticles must be >= 1, got " + numParticles);
        }
        this.numParticles = numParticles;
    }

    public int numParticles() {
        return numParticles;
    }

    /** Per-particle ELBO terms [n] and, for the score-function sites, their summed log q per particle [n]. */
    record Terms(Tensor elbo, Tensor scoreLogQ) {
    }

    abstract Terms terms(Trace model, Trace guide, Set<String> scoreSites, Particles particles);

    /** True when the model runs under parallel enumeration of its discrete sites that the guide leaves out. */
    boolean enumerates() {
        return false;
    }

    static boolean counts(Message m) {
        return m.hasLogProb() && !m.isSubsample();
    }

    static boolean latent(Message m) {
        return m.type == MessageType.SAMPLE && !m.observed && !m.isSubsample();
    }

    /**
     * A guide site's scaled log density. A latent Delta site takes its value from the point itself (see
     * {@link NoiseFeed}), so its log density is its {@code logDensity} without the equality test.
     */
    static Tensor guideLogProb(Message g) {
        if (latent(g) && g.distribution instanceof dev.pyrite.distributions.Delta d) {
            Tensor lp = d.logDensity().broadcastTo(d.batchShape());
            return g.scale == null ? lp : lp.mul(g.scale);
        }
        return g.scaledLogProb();
    }

    static Tensor scoreTerm(Trace guide, Set<String> scoreSites, Particles p) {
        Tensor s = null;
        for (String name : scoreSites) {
            Tensor lq = p.perParticle(guide.site(name).scaledLogProb());
            s = s == null ? lq : s.add(lq);
        }
        return s;
    }

    static Tensor plus(Tensor acc, Tensor t) {
        return acc == null ? t : acc.add(t);
    }
}
