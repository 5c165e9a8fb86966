package dev.pyrite.app.foppl;

import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The table of built-in functions, by name. */
final class Primitives {
    private static final Map<String, Primitive> TABLE = new LinkedHashMap<>();

    static {
        // arithmetic (element-wise, broadcasting)
        add("+", 0, -1, (a, s) -> Arithmetic.add(a));
        add("-", 1, -1, (a, s) -> Arithmetic.subtract(a));
        add("*", 0, -1, (a, s) -> Arithmetic.multiply(a));
        add("/", 1, -1, (a, s) -> Arithmetic.divide(a));
        add("pow", 2, 2, (a, s) -> Arithmetic.binary("pow", a[0], a[1], Tensor::pow));
        add("max", 1, -1, (a, s) -> Arithmetic.fold("max", a, Tensor::maximum));
        add("min", 1, -1, (a, s) -> Arithmetic.fold("min", a, Tensor::minimum));
        unary("exp", Tensor::exp);
        unary("log", Tensor::log);
        unary("sqrt", Tensor::sqrt);
        unary("abs", Tensor::abs);
        unary("sin", Tensor::sin);
        unary("cos", Tensor::cos);
        unary("tanh", Tensor::tanh);
        unary("sigmoid", Tensor::sigmoid);
        // comparisons and logic
        add("<", 2, -1, (a, s) -> Arithmetic.compare("<", a, Tensor::lt));
        add(">", 2, -1, (a, s) -> Arithmetic.compare(">", a, Tensor::gt));
        add("<=", 2, -1, (a, s) -> Arithmetic.compare("<=", a, Tensor::le));
        add(">=", 2, -1, (a, s) -> Arithmetic.compare(">=", a, Tensor::ge));
        add("=", 2, -1, (a, s) -> Arithmetic.equal(a, false));
        add("not=", 2, 2, (a, s) -> Arithmetic.equal(a, true));
        add("and", 0, -1, (a, s) -> Arithmetic.and(a));
        add("or", 0, -1, (a, s) -> Arithmetic.or(a));
        add("not", 1, 1, (a, s) -> Arithmetic.not(a[0]));
        // linear algebra and reductions
        add("mat-mul", 2, 2, (a, s) -> Arithmetic.matMul(a[0], a[1]));
        add("mat-transpose", 1, 1, (a, s) -> Arithmetic.transpose(a[0]));
        add("sum", 1, 1, (a, s) -> Arithmetic.sum(a[0]));
        add("mean", 1, 1, (a, s) -> Arithmetic.mean(a[0]));
        // vectors and maps
        add("vector", 0, -1, (a, s) -> Values.vector(Arrays.asList(a)));
        add("hash-map", 0, -1, (a, s) -> hashMap(a));
        add("get", 2, 2, (a, s) -> Indexing.get(a[0], a[1]));
        add("nth", 2, 2, (a, s) -> Indexing.nth(a[0], a[1]));
        add("put", 3, 3, (a, s) -> Indexing.put(a[0], a[1], a[2]));
        add("first", 1, 1, (a, s) -> Indexing.first(a[0]));
        add("second", 1, 1, (a, s) -> Indexing.second(a[0]));
        add("last", 1, 1, (a, s) -> Indexing.last(a[0]));
        add("rest", 1, 1, (a, s) -> Indexing.rest(a[0]));
        add("conj", 2, -1, (a, s) -> Indexing.conj(a));
        add("append", 2, 2, (a, s) -> Indexing.conj(a));
        add("count", 1, 1, (a, s) -> TensorValue.scalar(Values.count(a[0])));
        add("range", 1, 2, (a, s) -> Indexing.range(a));
        add("repeat", 2, 2, (a, s) -> Indexing.repeat(a[0], a[1]));
        // data
        add("read-csv", 1, 3, (a, s) -> DataFiles.read(a, s));
    }

    private Primitives() {
    }

    private static void add(String name, int min, int max, Primitive.Impl impl) {
        TABLE.put(name, new Primitive(name, min, max, impl));
    }

    private static void unary(String name, java.util.function.UnaryOperator<Tensor> op) {
        add(name, 1, 1, (a, s) -> Arithmetic.unary(name, a[0], op));
    }

    /** The primitive called {@code name}, or null. */
    static Primitive named(String name) {
        return TABLE.get(name);
    }

    static Set<String> allNames() {
        return new TreeSet<>(TABLE.keySet());
    }

    private static Object hashMap(Object[] a) {
        if (a.length % 2 != 0) {
            throw new IllegalArgumentException("hash-map needs keys and values in pairs, got " + a.length + " arguments");
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < a.length; i += 2) {
            m.put(Values.key(a[i]), a[i + 1]);
        }
        return new MapValue(m);
    }
}
