package dev.pyrite.nn;

import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The affine map {@code x W + b} of a dense layer with batched weights, as a few large matrix products.
 *
 * <p>Shapes: {@code x [X..., in]}, {@code W [B..., in, out]}, {@code b [B..., out]}; the batch dimensions
 * {@code X} and {@code B} are aligned on the right, as plate dimensions are, and the result is
 * {@code [broadcast(X, B)..., out]}. A latent weight under C chains has {@code B = [C, 1, ..., 1]} (the
 * chains plate left of the model's plates), and data {@code x [N, in]} sits in the data plate: the
 * trailing dimensions where {@code B} is 1 are folded into the rows of one product, so the first layer
 * is a single {@code [N, in] x [in, C out]} product and later layers one batched {@code [C, N, in] x
 * [C, in, out]} product. Never a loop over chains, and no copy of {@code x} per chain.
 */
public final class Linear {
    private Linear() {
    }

    /** {@code x W + b} (b may be null) with the shapes in the class comment. */
    public static Tensor apply(Tensor x, Tensor w, Tensor b) {
        if (x.rank() < 1 || w.rank() < 2) {
            throw new IllegalArgumentException("Linear.apply: x must be [..., in] and W [..., in, out], got "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(w.shape()));
        }
        long in = w.size(w.rank() - 2);
        long out = w.size(w.rank() - 1);
        if (x.size(x.rank() - 1) != in) {
            throw new IllegalArgumentException("Linear.apply: x has " + x.size(x.rank() - 1) + " features, W expects "
                    + in + " (x " + Arrays.toString(x.shape()) + ", W " + Arrays.toString(w.shape()) + ")");
        }
        long[] xb = Arrays.copyOf(x.shape(), x.rank() - 1);
        long[] wb = Arrays.copyOf(w.shape(), w.rank() - 2);
        int r = Math.max(xb.length, wb.length);
        xb = padLeft(xb, r);
        wb = padLeft(wb, r);
        int lead = r;                          // dims [lead, r) are rows: W is 1 there
        while (lead > 0 && wb[lead - 1] == 1) {
            lead--;
        }
        long[] rowDims = Arrays.copyOfRange(xb, lead, r);
        long rows = product(rowDims);
        long[] xLead = Arrays.copyOf(xb, lead);
        long[] wLead = Arrays.copyOf(wb, lead);
        Tensor y;
        if (product(xLead) == 1 && lead > 0) {
            // one product [rows, in] x [in, Bw out], then the weight batch moved to the front
            long nw = product(wLead);
            Tensor w2 = w.reshape(nw, in, out).permute(1, 0, 2).reshape(in, nw * out);
            y = x.reshape(rows, in).matmul(w2).reshape(rows, nw, out).permute(1, 0, 2);
            y = y.reshape(concat(wLead, rowDims, new long[]{out}));
        } else {
            Tensor xr = x.reshape(concat(xLead, new long[]{rows, in}));
            Tensor wr = w.reshape(concat(wLead, new long[]{in, out}));
            Tensor prod = xr.matmul(wr);
            long[] batch = Arrays.copyOf(prod.shape(), prod.rank() - 2);
            y = prod.reshape(concat(batch, rowDims, new long[]{out}));
        }
        return b == null ? y : y.add(b);
    }

    private static long[] padLeft(long[] dims, int rank) {
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        System.arraycopy(dims, 0, out, rank - dims.length, dims.length);
        return out;
    }

    private static long product(long[] dims) {
        long p = 1;
        for (long d : dims) {
            p *= d;
        }
        return p;
    }

    private static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int k = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
