package dev.pyrite.inference.svi;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MCMC starting points drawn from a fitted guide: SVI first, then NUTS from where the guide puts its
 * mass (each chain starts at one independent draw of the guide, mapped to the potential's unconstrained
 * coordinates).
 *
 * <pre>{@code
 * new SVI(SviModel.of(model), guide, Adam.of(0.05), TraceELBO.of(8)).seed(1).run(1000);
 * ModelPotential u = ModelPotential.of(model);
 * INDArray q0 = GuidePositions.draw(u, guide, 4, RandomStream.of(2));
 * McmcSamples s = MCMC.nuts(u).chains(4).initialPositions(q0).run();
 * }</pre>
 */
public final class GuidePositions {
    private GuidePositions() {
    }

    /**
     * {@code chains} draws of the guide (with {@link Predictive#fromGuide}, from {@code stream}), as
     * positions {@code [chains, D]} of {@code potential}.
     *
     * @param args the arguments the model and guide take (none for a potential's closed-over model)
     */
    public static INDArray draw(ModelPotential potential, SviModel guide, int chains, RandomStream stream,
                                Tensor... args) {
        Map<String, Tensor> draws = Predictive.fromGuide(SviModel.of(potential.model()), guide, chains)
                .sample(stream, args);
        return potential.positions(draws);
    }
}
