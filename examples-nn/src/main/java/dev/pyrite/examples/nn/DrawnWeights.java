package dev.pyrite.examples.nn;

import dev.pyrite.nn.WeightSites;
import dev.pyrite.nn.WeightSpec;
import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * A network's weights taken from S posterior draws ({@code site name -> [S, ...weight shape]}: MCMC
 * draws or an autoguide's {@code sample}), as constants with the draws as a batch dimension: a forward
 * pass on {@code x [N, in]} gives {@code [S, N, out]}, all draws in one batched product.
 */
public final class DrawnWeights {
    private DrawnWeights() {
    }

    /** The weight sites reading {@code draws}; each draw gets a singleton row dimension for the data. */
    public static WeightSites of(Map<String, Tensor> draws) {
        return (WeightSpec spec) -> {
            Tensor d = draws.get(spec.name());
            if (d == null) {
                throw new IllegalArgumentException("no draws of weight '" + spec.name() + "'; there are " + draws.keySet());
            }
            return d.unsqueeze(1);          // [S, 1, ...shape]: the draws left of the data rows
        };
    }
}
