package dev.pyrite.inference.svi;

import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.enumeration.LogSumExpSemiring;
import dev.pyrite.inference.enumeration.PlatedSumProduct;
import dev.pyrite.inference.enumeration.TraceFactorGraph;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * The ELBO with the model's discrete latent sites that the guide does not sample summed out exactly:
 * the model runs under parallel enumeration (replayed against the guide for the other sites) and its
 * log joint is contracted by the plated sum-product, with the particles plate kept as a batch
 * dimension; then {@code log p(x, z_guide) - log q(z_guide)} per particle, as in Pyro's TraceEnum_ELBO.
 *
 * <pre>{@code
 * SVI svi = new SVI(mixtureModel, guideForTheMeans, Adam.of(0.05), TraceEnumELBO.of(8));
 * }</pre>
 */
public final class TraceEnumELBO extends Elbo {
    private TraceEnumELBO(int numParticles) {
        super(numParticles);
    }

    public static TraceEnumELBO of() {
        return new TraceEnumELBO(1);
    }

    public static TraceEnumELBO of(int numParticles) {
        return new TraceEnumELBO(numParticles);
    }

    @Override
    boolean enumerates() {
        return true;
    }

    @Override
    Terms terms(Trace model, Trace guide, Set<String> scoreSites, Particles p) {
        TraceFactorGraph graph = TraceFactorGraph.of(model, p.dim() - 1, List.of(Particles.PLATE));
        Tensor logJoint = PlatedSumProduct.contract(graph.graph(), LogSumExpSemiring.INSTANCE).data().reshape(-1);
        Tensor elbo = logJoint.size(0) == p.n() ? logJoint : logJoint.broadcastTo(p.n());
        for (Message g : guide.sites()) {
            if (counts(g)) {
                elbo = elbo.sub(p.perParticle(guideLogProb(g)));
            }
        }
        return new Terms(elbo, scoreTerm(guide, scoreSites, p));
    }

    @Override
    public String toString() {
        return "TraceEnumELBO(numParticles=" + numParticles() + ")";
    }
}
