package dev.pyrite.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J arrays and flat row-major {@code double[]} values, straight through the buffer for
 * plain float64 and float32 arrays (no allocation), through a cast otherwise.
 */
final class FlatArrays {
    private FlatArrays() {
    }

    private static boolean plain(INDArray a) {
        return a.ordering() == 'c' && a.offset() == 0 && !a.isView();
    }

    /** {@code a}'s elements into {@code into} (which has {@code a.length()} elements). */
    static void read(INDArray a, double[] into) {
        int n = into.length;
        if (plain(a) && a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().get(into, 0, n);
        } else if (plain(a) && a.dataType() == DataType.FLOAT) {
            FloatBuffer f = a.data().asNioFloat();
            for (int j = 0; j < n; j++) {
                into[j] = f.get(j);
            }
        } else {
            System.arraycopy(a.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0, into, 0, n);
        }
    }

    /** {@code values} into the plain array {@code into}, rounded to its type. */
    static void write(double[] values, INDArray into) {
        if (plain(into) && into.dataType() == DataType.DOUBLE) {
            into.data().asNioDouble().put(values, 0, values.length);
        } else if (plain(into) && into.dataType() == DataType.FLOAT) {
            FloatBuffer f = into.data().asNioFloat();
            for (int j = 0; j < values.length; j++) {
                f.put(j, (float) values[j]);
            }
        } else {
            into.assign(Nd4j.createFromArray(values).reshape(into.shape()).castTo(into.dataType()));
        }
    }
}
