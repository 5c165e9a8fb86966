package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Base noise for samplers and the conversions between concrete tensors and Java arrays they need. */
final class Noise {
    private Noise() {
    }

    /** Standard normal noise of the given type and shape. */
    static Tensor normal(RandomStream stream, DataType dtype, long[] shape) {
        return Tensor.of(stream.normal(dtype, shape));
    }

    /**
     * Uniform noise strictly inside (0, 1), so that inverse distribution functions stay finite: float64
     * draws u (multiples of 2^-53 in [0, 1)) are mapped to 2^-54 + u (1 - 2^-53), then rounded to the
     * type and kept inside its open unit interval.
     */
    static Tensor openUniform(RandomStream stream, DataType dtype, long[] shape) {
        double[] u = stream.uniform(DataType.DOUBLE, shape).data().asDouble();
        double lo = dtype == DataType.FLOAT ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double hi = dtype == DataType.FLOAT ? 1.0 - 0x1.0p-24 : 1.0 - 0x1.0p-53;
        for (int i = 0; i < u.length; i++) {
            double v = 0x1.0p-54 + u[i] * (1.0 - 0x1.0p-53);
            if (dtype == DataType.FLOAT) {
                v = (float) v;
            }
            u[i] = Math.min(Math.max(v, lo), hi);
        }
        return fromDoubles(u, shape, dtype);
    }

    /** The values of a concrete tensor broadcast to {@code shape}, in row-major order. */
    static double[] values(Tensor t, long[] shape) {
        return t.broadcastTo(shape).toDoubleArray();
    }

    /** A concrete tensor from row-major values. */
    static Tensor fromDoubles(double[] v, long[] shape, DataType dtype) {
        INDArray a = shape.length == 0 ? Nd4j.scalar(DataType.DOUBLE, v[0]) : Nd4j.create(v, shape, DataType.DOUBLE);
        return Tensor.of(a.castTo(dtype));
    }

    /** {@code sampleShape + batchShape + eventShape}. */
    static long[] shape(long[] sampleShape, long[] batchShape, long... eventShape) {
        return Shapes.concat(sampleShape, batchShape, eventShape);
    }

    /** Fails when a parameter is traced: samplers that loop in Java need concrete parameters. */
    static void requireConcrete(String family, Tensor... params) {
        for (Tensor p : params) {
            if (p.isTraced()) {
                throw new IllegalStateException(family + ": sample() needs concrete parameters; use rsample() "
                        + "for differentiable draws where the family has one");
            }
        }
    }
}
