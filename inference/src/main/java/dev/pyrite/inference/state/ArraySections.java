package dev.pyrite.inference.state;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An array as three state sections (data type, shape, values in row-major order), read back with the
 * same type, shape and bits: float32 values widen to double and narrow back exactly.
 */
public final class ArraySections {
    private ArraySections() {
    }

    /** Writes sections {@code dtype}, {@code shape} and {@code values}. */
    public static void write(StateWriter out, INDArray a) {
        out.string("dtype", a.dataType().name());
        out.longs("shape", a.shape());
        out.doubles("values", a.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    /** Reads what {@link #write} wrote: an array of the same type, shape and values. */
    public static INDArray read(StateReader in) {
        DataType dtype = DataType.valueOf(in.string("dtype"));
        long[] shape = in.longs("shape");
        double[] values = in.doubles("values");
        INDArray a = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
        return a.castTo(dtype);
    }
}
