package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A literal: a number, a literal vector or matrix of numbers (read once into an array, however long), a
 * string, a keyword, a boolean or nil. Numeric constants take the floating-point type selected when the
 * program runs.
 */
final class ConstantNode implements Node {
    private final Object value;
    private final INDArray numbers;   // DOUBLE, or null for non-numeric constants
    private final boolean bool;
    private final Span span;
    private TensorValue cached;

    private ConstantNode(Object value, INDArray numbers, boolean bool, Span span) {
        this.value = value;
        this.numbers = numbers;
        this.bool = bool;
        this.span = span;
    }

    /** A non-numeric constant (string, keyword, nil) or any ready value. */
    static ConstantNode of(Object value, Span span) {
        return new ConstantNode(value, null, false, span);
    }

    /** A numeric constant of any shape, held in float64 and cast when used. */
    static ConstantNode numbers(INDArray doubles, Span span) {
        return new ConstantNode(null, doubles, false, span);
    }

    static ConstantNode bool(boolean b, Span span) {
        return new ConstantNode(null, org.nd4j.linalg.factory.Nd4j.scalar(b ? 1.0 : 0.0), true, span);
    }

    /** The numeric data, or null. */
    INDArray numbers() {
        return numbers;
    }

    @Override
    public Object eval(Object[] frame, Evaluation ev) {
        if (numbers == null) {
            return value;
        }
        DataType want = bool ? DataType.BOOL : Backend.floatType();
        TensorValue c = cached;
        if (c == null || c.tensor().dtype() != want) {
            c = TensorValue.constant(Tensor.of(numbers.castTo(want)));
            cached = c;
        }
        return c;
    }

    @Override
    public Span span() {
        return span;
    }
}
