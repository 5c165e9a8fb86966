package dev.pyrite.examples.nn;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.svi.AutoGuide;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Posterior draws of every latent site as {@code name -> [S, ...site shape]}, from NUTS or from a guide. */
public final class PosteriorDraws {
    private PosteriorDraws() {
    }

    /** All chains' draws, pooled: {@code S = chains x draws}. */
    public static Map<String, Tensor> of(ModelPotential u, McmcSamples samples) {
        Posterior post = Posterior.of(u, samples);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var site : u.sites()) {
            INDArray a = post.site(site.name());
            long[] shape = a.shape();
            long[] pooled = new long[shape.length - 1];
            pooled[0] = shape[0] * shape[1];
            System.arraycopy(shape, 2, pooled, 1, shape.length - 2);
            out.put(site.name(), Tensor.of(a.dup().reshape(pooled)));
        }
        return out;
    }

    /** {@code n} draws from a fitted autoguide. */
    public static Map<String, Tensor> of(AutoGuide guide, int n, RandomStream stream) {
        return guide.sample(n, stream);
    }
}
