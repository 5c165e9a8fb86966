package dev.pyrite.nn;

import java.util.List;
import java.util.Map;
import dev.pyrite.tensor.Tensor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network or a part of one: a function of its input whose weights come from {@link WeightSites}.
 * Call {@link #forward} inside a model; each weight becomes a site there (or a constant).
 */
public interface Layer {
    /**
     * The output for input {@code x [..., in]}: {@code [..., out]}, with the weights' batch dimensions
     * (chains, particles) broadcast against x's as in {@link Linear}.
     */
    Tensor forward(Tensor x, WeightSites weights);

    /** Every weight array, in the order the forward pass uses them. */
    List<WeightSpec> weights();

    /**
     * The forward pass as SameDiff ops on {@code x [S, N, in]}, with {@code values} holding each weight as
     * {@code [S, ...shape]} (one copy per posterior draw); for {@link PredictiveGraph}.
     */
    SDVariable toSameDiff(SameDiff sd, SDVariable x, Map<String, INDArray> values);
}
