package dev.pyrite.inference.svi;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An array as three state sections (data type, shape, values in row-major order), read back with the
 * same type, shape and bits: float32 values widen to double and narrow back exactly.
 */
final class ArraySections {
    private ArraySections() {
    }

    static void write(StateWriter out, INDArray a) {
        out.string("dtype", a.dataType().name());
        out.longs("shape", a.shape());
        out.doubles("values", a.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    static INDArray read(StateReader in) {
        DataType dtype = DataType.valueOf(in.string("dtype"));
        long[] shape = in.longs("shape");
        double[] values = in.doubles("values");
        INDArray a = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
        return a.castTo(dtype);
    }
}
