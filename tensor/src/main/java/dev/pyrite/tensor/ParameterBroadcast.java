package dev.pyrite.tensor;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Broadcasting of distribution parameters against the shape of a requested sample, used by
 * {@link RandomStream}'s array draws.
 *
 * <p>The rule is NumPy's, applied one way: shapes are aligned on the right and every parameter
 * dimension must equal the sample dimension or be 1. A parameter may have more dimensions than the
 * sample only if the extra leading ones are 1. The sample shape is never enlarged.
 */
final class ParameterBroadcast {

    /** Largest number of elements one draw fills (Java arrays are int-indexed). */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private ParameterBroadcast() {}

    /** A defensive copy of {@code shape}, after checking every dimension is non-negative. */
    static long[] checkShape(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return shape.clone();
    }

    /** The number of elements of {@code shape}, which must fit one Java array. */
    static int length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than " + MAX_ELEMENTS + " elements");
            }
        }
        return (int) n;
    }

    /** The elements of {@code array} in C (row-major) order, as doubles. */
    static double[] values(INDArray array) {
        if (array.length() == 0) {
            return new double[0];
        }
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** The mutual broadcast shape of two parameter shapes (NumPy rule, both ways). */
    static long[] broadcastShapes(long[] x, long[] y, String xName, String yName) {
        int rank = Math.max(x.length, y.length);
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) {
            int dx = d - (rank - x.length);
            int dy = d - (rank - y.length);
            long ex = dx < 0 ? 1 : x[dx];
            long ey = dy < 0 ? 1 : y[dy];
            if (ex == ey || ey == 1) {
                out[d] = ex;
            } else if (ex == 1) {
                out[d] = ey;
            } else {
                throw new IllegalArgumentException("shapes of " + xName + " " + Arrays.toString(x)
                        + " and " + yName + " " + Arrays.toString(y) + " do not broadcast");
            }
        }
        return out;
    }

    /**
     * For every element of an array of shape {@code out} (C order), the flat C-order index of the
     * parameter element it reads; {@code null} when the shapes are equal and the map is the
     * identity.
     *
     * @throws IllegalArgumentException if {@code param} does not broadcast to {@code out}
     */
    static int[] indexMap(long[] param, long[] out, String name) {
        if (Arrays.equals(param, out)) {
            return null;
        }
        int rank = out.length;
        int extra = param.length - rank;
        for (int d = 0; d < extra; d++) {
            if (param[d] != 1) {
                throw notBroadcastable(param, out, name);
            }
        }
        long[] paramStrides = new long[param.length];
        long stride = 1;
        for (int d = param.length - 1; d >= 0; d--) {
            paramStrides[d] = stride;
            stride *= param[d];
        }
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            int pd = d + extra;
            if (pd < 0 || param[pd] == 1) {
                strides[d] = 0;
            } else if (param[pd] == out[d]) {
                strides[d] = (int) paramStrides[pd];
            } else {
                throw notBroadcastable(param, out, name);
            }
        }
        int n = length(out);
        int[] map = new int[n];
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            map[i] = offset;
            for (int d = rank - 1; d >= 0; d--) {
                offset += strides[d];
                if (++index[d] < out[d]) {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return map;
    }

    private static IllegalArgumentException notBroadcastable(long[] param, long[] out, String name) {
        return new IllegalArgumentException("shape of " + name + " " + Arrays.toString(param)
                + " does not broadcast to the sample shape " + Arrays.toString(out));
    }
}
