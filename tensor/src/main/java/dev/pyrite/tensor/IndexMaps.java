package dev.pyrite.tensor;

/**
 * Index tables computed once per compiled program: for each element of a result, which element of an
 * operand it reads (broadcasts, permutations, slices) or which element of the result it writes
 * (reductions, concatenations). Row-major throughout.
 */
final class IndexMaps {
    private IndexMaps() {
    }

    static int size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("JVM executor: " + Shapes.format(shape) + " has more than 2^31 elements");
        }
        return (int) n;
    }

    static int[] strides(long[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= (int) shape[i];
        }
        return s;
    }

    /**
     * Walks {@code shape} in row-major order and returns, for each position, {@code base + sum_d
     * index_d * stride_d}.
     */
    static int[] walk(long[] shape, int[] stride, int base) {
        int n = size(shape);
        int r = shape.length;
        int[] out = new int[n];
        int[] counter = new int[r];
        int cur = base;
        for (int k = 0; k < n; k++) {
            out[k] = cur;
            for (int d = r - 1; d >= 0; d--) {
                counter[d]++;
                cur += stride[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                cur -= stride[d] * (int) shape[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    /** For each element of {@code out}, the element of {@code in} (aligned on the right) it reads. */
    static int[] broadcast(long[] in, long[] out) {
        int[] inStride = strides(in);
        int[] stride = new int[out.length];
        int offset = out.length - in.length;
        for (int i = 0; i < in.length; i++) {
            stride[i + offset] = in[i] == 1 ? 0 : inStride[i];
        }
        return walk(out, stride, 0);
    }

    /** True when every element of {@code out} reads the same-numbered element of an operand. */
    static boolean isIdentity(int[] index) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** For each element of the permuted result, the input element it reads. */
    static int[] permute(long[] in, int[] order) {
        int[] inStride = strides(in);
        long[] out = new long[order.length];
        int[] stride = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = in[order[i]];
            stride[i] = inStride[order[i]];
        }
        return walk(out, stride, 0);
    }

    /** For each element of a slice of {@code in} with shape {@code out} starting at {@code start} along {@code dim}. */
    static int[] slice(long[] in, long[] out, int dim, long start) {
        int[] inStride = strides(in);
        return walk(out, inStride, (int) start * inStride[dim]);
    }

    /** For each element of {@code in}, the element of the reduced result (reduced dimensions dropped) it adds to. */
    static int[] reduce(long[] in, int[] dims) {
        long[] kept = in.clone();
        for (int d : dims) {
            kept[d] = 1;
        }
        int[] keptStride = strides(kept);
        int[] stride = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            stride[i] = kept[i] == 1 ? 0 : keptStride[i];
        }
        return walk(in, stride, 0);
    }
}
