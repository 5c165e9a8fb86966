package dev.pyrite.distributions;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/** Support enumeration for families over integer ranges, laid out as Pyro does. */
final class Enumeration {
    private Enumeration() {
    }

    /**
     * The integers lo..hi on a new leftmost dimension, shape {@code [K, 1, ..., 1]} (one 1 per batch
     * dimension) or {@code [K] + batchShape} when {@code expand}. The bounds must be concrete and the
     * same throughout the batch, since one tensor cannot hold ranges of different lengths.
     */
    static Tensor range(String family, Tensor lo, Tensor hi, long[] batchShape, boolean expand) {
        if (lo.isTraced() || hi.isTraced()) {
            throw new IllegalStateException(family + ": enumerating the support needs concrete parameters");
        }
        double[] l = lo.toDoubleArray();
        double[] h = hi.toDoubleArray();
        double l0 = l[0];
        double h0 = h[0];
        for (double v : l) {
            Checks.require(v == l0, family, "enumerating the support needs the same bounds throughout the batch, got "
                    + l0 + " and " + v);
        }
        for (double v : h) {
            Checks.require(v == h0, family, "enumerating the support needs the same bounds throughout the batch, got "
                    + h0 + " and " + v);
        }
        int k = (int) (h0 - l0 + 1);
        double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            values[i] = l0 + i;
        }
        long[] shape = new long[batchShape.length + 1];
        Arrays.fill(shape, 1);
        shape[0] = k;
        Tensor t = Tensor.of(values).castTo(lo.dtype()).reshape(shape);
        return expand ? t.broadcastTo(Shapes.concat(new long[]{k}, batchShape)) : t;
    }
}
