package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Vectorised indexing for models with enumerated sites (Pyro's {@code Vindex}): rows of a table picked
 * by an index tensor of any shape, broadcasting the index against the table's batch dimensions. An
 * enumerated site's value is its whole support laid out along its own dimension, so
 * {@code Vindex.rows(transition, x)} gives the transition probabilities of every value of {@code x}
 * at once. Written as a product with a one-hot matrix, so it is differentiable in the table.
 *
 * <pre>{@code
 * Tensor x = Pyrite.sample("x", Categorical.ofLogits(init), ENUM);                    // [K, 1]
 * Tensor y = Pyrite.sample("y", Categorical.ofLogits(Vindex.rows(emitLogits, x)), obs);
 * }</pre>
 */
public final class Vindex {
    private Vindex() {
    }

    /**
     * {@code out[s..., m] = table[s..., index[s...], m]}: for a table {@code [..., K, M]} and integer (or
     * integer-valued float) {@code index} of shape S, a tensor of shape {@code broadcast(S, table batch) + [M]}.
     */
    public static Tensor rows(Tensor table, Tensor index) {
        if (table.rank() < 2) {
            throw new IllegalArgumentException("Vindex.rows: the table needs rank >= 2 ([..., K, M]), got shape "
                    + Shapes.format(table.shape()));
        }
        long k = table.size(-2);
        Tensor idx = index.dtype().isFPType() || index.dtype() == DataType.BOOL ? index.castTo(DataType.INT64) : index;
        Tensor hot = idx.oneHot(k).castTo(table.dtype()).unsqueeze(-2);   // S + [1, K]
        Tensor picked = hot.matmul(table);                                 // S' + [1, M]
        return picked.squeeze(-2);
    }

    /**
     * {@code out[s...] = vector[s..., index[s...]]}: entries of the last dimension of {@code vector
     * [..., K]} picked by {@code index} (shape S), of shape {@code broadcast(S, vector batch)}.
     */
    public static Tensor entries(Tensor vector, Tensor index) {
        long[] shape = vector.shape();
        Tensor table = vector.reshape(Shapes.concat(Arrays.copyOf(shape, shape.length), new long[]{1}));
        return rows(table, index).squeeze(-1);
    }
}
