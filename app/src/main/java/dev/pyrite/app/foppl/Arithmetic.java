package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Tensor;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Element-wise arithmetic, math functions, comparisons and logic with NumPy broadcasting over what the
 * program sees, plus the reductions and matrix products FOPPL offers. Hidden dimensions (chains,
 * enumerated values, vectorised loops) ride along; see {@link TensorValue}.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** {@code op} applied element-wise to two broadcast operands. */
    static TensorValue binary(String name, Object a, Object b, BinaryOperator<Tensor> op) {
        TensorValue[] v = TensorValue.align(Values.numeric(a, name + " argument 1"), Values.numeric(b, name + " argument 2"));
        TensorValue.broadcastShapes(name, v[0], v[1]);
        return new TensorValue(op.apply(v[0].tensor(), v[1].tensor()), v[0].loopRank(), v[0].rank(),
                TensorValue.anyRandom(v));
    }

    /** {@code op} applied element-wise. */
    static TensorValue unary(String name, Object a, UnaryOperator<Tensor> op) {
        TensorValue v = Values.numeric(a, name + " argument");
        return v.map(op.apply(v.tensor()));
    }

    /** A left fold of {@code op} over the arguments, e.g. {@code (+ a b c)}. */
    static TensorValue fold(String name, Object[] args, BinaryOperator<Tensor> op) {
        TensorValue acc = Values.numeric(args[0], name + " argument 1");
        for (int i = 1; i < args.length; i++) {
            acc = binary(name, acc, args[i], op);
        }
        return acc;
    }

    static Object add(Object[] args) {
        return args.length == 0 ? TensorValue.scalar(0) : fold("+", args, Tensor::add);
    }

    static Object multiply(Object[] args) {
        return args.length == 0 ? TensorValue.scalar(1) : fold("*", args, Tensor::mul);
    }

    static Object subtract(Object[] args) {
        return args.length == 1 ? unary("-", args[0], Tensor::neg) : fold("-", args, Tensor::sub);
    }

    static Object divide(Object[] args) {
        return args.length == 1 ? unary("/", args[0], Tensor::reciprocal) : fold("/", args, Tensor::div);
    }

    /** A chained comparison, {@code (< a b c)} meaning a < b and b < c; booleans as the result. */
    static Object compare(String name, Object[] args, BinaryOperator<Tensor> op) {
        TensorValue acc = null;
        for (int i = 0; i + 1 < args.length; i++) {
            TensorValue c = binary(name, args[i], args[i + 1], op);
            acc = acc == null ? c : logical("and", acc, c, true);
        }
        return acc;
    }

    /** {@code (= a b ...)}: element-wise on numbers; structural equality on keywords, strings and the like. */
    static Object equal(Object[] args, boolean negate) {
        Object result = null;
        for (int i = 0; i + 1 < args.length; i++) {
            Object a = args[i];
            Object b = args[i + 1];
            Object eq;
            if (Values.tensorOrNull(a) != null && Values.tensorOrNull(b) != null) {
                eq = binary(negate ? "not=" : "=", a, b, negate ? Tensor::ne : Tensor::eq);
            } else {
                eq = TensorValue.bool(a.equals(b) != negate);
            }
            result = result == null ? eq : logical("and", result, eq, true);
        }
        return result;
    }

    /** Element-wise and ({@code and == true}) or or of truth values. */
    static TensorValue logical(String name, Object a, Object b, boolean and) {
        TensorValue x = truth(a, name);
        TensorValue y = truth(b, name);
        TensorValue[] v = TensorValue.align(x, y);
        TensorValue.broadcastShapes(name, v[0], v[1]);
        Tensor t = and ? v[0].tensor().and(v[1].tensor()) : v[0].tensor().or(v[1].tensor());
        return new TensorValue(t, v[0].loopRank(), v[0].rank(), TensorValue.anyRandom(v));
    }

    static Object and(Object[] args) {
        if (args.length == 0) {
            return TensorValue.bool(true);
        }
        TensorValue acc = truth(args[0], "and");
        for (int i = 1; i < args.length; i++) {
            acc = logical("and", acc, args[i], true);
        }
        return acc;
    }

    static Object or(Object[] args) {
        if (args.length == 0) {
            return TensorValue.bool(false);
        }
        TensorValue acc = truth(args[0], "or");
        for (int i = 1; i < args.length; i++) {
            acc = logical("or", acc, args[i], false);
        }
        return acc;
    }

    static Object not(Object a) {
        TensorValue t = truth(a, "not");
        return t.map(t.tensor().not());
    }

    /** Truth values of a value: booleans as they are, numbers non-zero, nil false, anything else true. */
    static TensorValue truth(Object v, String name) {
        if (v == NilValue.NIL) {
            return TensorValue.bool(false);
        }
        TensorValue t = Values.tensorOrNull(v);
        return t == null ? TensorValue.bool(true) : t.truth();
    }

    /** The sum of all the numbers the program sees (a number). */
    static Object sum(Object a) {
        TensorValue v = Values.numeric(a, "sum argument");
        return reduce(v, false);
    }

    /** The mean of all the numbers the program sees. */
    static Object mean(Object a) {
        TensorValue v = Values.numeric(a, "mean argument");
        return reduce(v, true);
    }

    private static TensorValue reduce(TensorValue v, boolean mean) {
        if (v.rank() == 0) {
            return v;
        }
        int[] dims = new int[v.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = v.firstLogicalDim() + i;
        }
        Tensor t = mean ? v.tensor().mean(false, dims) : v.tensor().sum(false, dims);
        return v.with(t, v.loopRank(), 0);
    }

    /**
     * {@code (mat-mul a b)}: matrix product; a vector on the left is a row, on the right a column, and the
     * result then is a vector again.
     */
    static Object matMul(Object a, Object b) {
        TensorValue x = Values.numeric(a, "mat-mul argument 1");
        TensorValue y = Values.numeric(b, "mat-mul argument 2");
        if (x.rank() < 1 || x.rank() > 2 || y.rank() < 1 || y.rank() > 2) {
            throw new IllegalArgumentException("mat-mul needs vectors or matrices, got " + Values.describe(x) + " and "
                    + Values.describe(y));
        }
        long k1 = x.shape()[x.rank() - 1];
        long k2 = y.shape()[0];
        if (k1 != k2) {
            throw new IllegalArgumentException("mat-mul: inner sizes differ, " + dev.pyrite.tensor.Shapes.format(x.shape())
                    + " times " + dev.pyrite.tensor.Shapes.format(y.shape()));
        }
        boolean random = x.random() || y.random();
        // A plain matrix times vectors that carry hidden dimensions: one product [hidden, k] @ [k, n].
        if (x.rank() == 2 && y.rank() == 1 && x.isPlain()) {
            Tensor yt = y.tensor();
            long[] s = yt.shape();
            long rows = yt.numel() / k1;
            Tensor out = yt.reshape(rows, k1).matmul(x.tensor().transpose());
            long[] outShape = s.clone();
            outShape[s.length - 1] = x.shape()[0];
            return new TensorValue(out.reshape(outShape), y.loopRank(), 1, random);
        }
        boolean rowVector = x.rank() == 1;
        boolean columnVector = y.rank() == 1;
        TensorValue xm = rowVector ? x.with(x.tensor().unsqueeze(-2), x.loopRank(), 2) : x;
        TensorValue ym = columnVector ? y.with(y.tensor().unsqueeze(-1), y.loopRank(), 2) : y;
        TensorValue[] v = TensorValue.align(xm, ym);
        Tensor out = v[0].tensor().matmul(v[1].tensor());
        int rank = 2;
        if (columnVector) {
            out = out.squeeze(-1);
            rank--;
        }
        if (rowVector) {
            out = out.squeeze(-(rank));
            rank--;
        }
        return new TensorValue(out, v[0].loopRank(), rank, random);
    }

    /** {@code (mat-transpose m)}: swaps the two dimensions of a matrix (a vector stays as it is). */
    static Object transpose(Object a) {
        TensorValue v = Values.numeric(a, "mat-transpose argument");
        if (v.rank() == 1) {
            return v;
        }
        if (v.rank() != 2) {
            throw new IllegalArgumentException("mat-transpose needs a matrix, got " + Values.describe(v));
        }
        return v.map(v.tensor().transpose());
    }
}
