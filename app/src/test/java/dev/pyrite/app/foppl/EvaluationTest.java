package dev.pyrite.app.foppl;

import static dev.pyrite.app.foppl.TestPrograms.assertContains;
import static dev.pyrite.app.foppl.TestPrograms.error;
import static dev.pyrite.app.foppl.TestPrograms.number;
import static dev.pyrite.app.foppl.TestPrograms.numbers;
import static dev.pyrite.app.foppl.TestPrograms.shape;
import static dev.pyrite.app.foppl.TestPrograms.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What every form and built-in function computes, run eagerly. */
class EvaluationTest {
    private static final double EPS = 1e-12;

    private static boolean truth(String program) {
        TensorValue t = Values.tensorOrNull(value(program));
        assertTrue(t.isBool(), "not a boolean: " + Values.describe(t));
        return t.numeric().tensor().item() != 0;
    }

    @Test
    void arithmeticIsVariadicAndBroadcasts() {
        assertEquals(6, number("(+ 1 2 3)"));
        assertEquals(0, number("(+)"));
        assertEquals(-3, number("(- 3)"));
        assertEquals(4, number("(- 10 5 1)"));
        assertEquals(24, number("(* 2 3 4)"));
        assertEquals(0.25, number("(/ 4)"));
        assertEquals(2, number("(/ 8 2 2)"));
        assertArrayEquals(new double[]{11, 12, 13}, numbers("(+ [1 2 3] 10)"), EPS);
        // a column vector against a row: [[1] [2]] + [10 20 30] is 2 x 3
        assertArrayEquals(new double[]{11, 21, 31, 12, 22, 32}, numbers("(+ [[1] [2]] [10 20 30])"), EPS);
        assertArrayEquals(new long[]{2, 3}, shape("(+ [[1] [2]] [10 20 30])"));
        assertArrayEquals(new double[]{8, 1}, numbers("(pow [2 1] 3)"), EPS);
        assertArrayEquals(new double[]{3, 5}, numbers("(max [1 5] [3 2])"), EPS);
        assertArrayEquals(new double[]{1, 2}, numbers("(min [1 5] [3 2])"), EPS);
    }

    @Test
    void mathFunctionsApplyElementWise() {
        assertEquals(Math.E, number("(exp 1)"), EPS);
        assertEquals(Math.log(2), number("(log 2)"), EPS);
        assertArrayEquals(new double[]{2, 3}, numbers("(sqrt [4 9])"), EPS);
        assertArrayEquals(new double[]{1, 2}, numbers("(abs [-1 2])"), EPS);
        assertEquals(Math.sin(0.5), number("(sin 0.5)"), EPS);
        assertEquals(Math.cos(0.5), number("(cos 0.5)"), EPS);
        assertEquals(Math.tanh(0.5), number("(tanh 0.5)"), EPS);
        assertEquals(1 / (1 + Math.exp(-0.5)), number("(sigmoid 0.5)"), EPS);
    }

    @Test
    void comparisonsAndLogic() {
        assertTrue(truth("(< 1 2)"));
        assertTrue(truth("(< 1 2 3)"));
        assertTrue(!truth("(< 1 3 2)"));
        assertTrue(truth("(>= 2 2)"));
        assertTrue(truth("(= 1 1.0)"));
        assertTrue(truth("(= :a :a)"));
        assertTrue(!truth("(= :a \"a\")"));
        assertTrue(truth("(not= 1 2)"));
        assertTrue(truth("(and true (> 2 1))"));
        assertTrue(!truth("(and true false)"));
        assertTrue(truth("(or false true)"));
        assertTrue(truth("(not false)"));
        assertTrue(!truth("(not 3)"));
        assertArrayEquals(new double[]{1, 0, 1}, numbers("(> [3 1 5] 2)"), EPS);
    }

    @Test
    void letBindsInOrderAndReturnsTheLastBodyValue() {
        assertEquals(5, number("(let [a 2 b (+ a 1)] a (+ a b))"));
        assertEquals(3, number("(let [a 1] (let [a 3] a))"));
    }

    @Test
    void ifOnPlainConditions() {
        assertEquals(1, number("(if (< 1 2) 1 2)"));
        assertEquals(2, number("(if false 1 2)"));
        assertSame(NilValue.NIL, value("(if false 1)"));
        assertEquals(1, number("(if 0.5 1 2)"));
        assertEquals(2, number("(if 0 1 2)"));   // numbers: non-zero is true
        assertEquals(2, number("(if nil 1 2)"));
        // a vector condition selects element-wise
        assertArrayEquals(new double[]{10, 2, 30}, numbers("(if (> [3 1 5] 2) [10 20 30] [1 2 3])"), EPS);
    }

    @Test
    void vectorsAndMaps() {
        assertArrayEquals(new long[]{3}, shape("[1 2 3]"));
        assertArrayEquals(new long[]{2, 2}, shape("[[1 2] [3 4]]"));
        assertArrayEquals(new long[]{3}, shape("(let [a 1] [a 2 (+ a 2)])"));
        assertInstanceOf(ListValue.class, value("[[1 2] [3]]"));   // ragged: a list
        assertEquals(0, ((ListValue) value("[]")).size());
        assertEquals(2, number("(get [1 2 3] 1)"));
        assertEquals(3, number("(nth [1 2 3] 2)"));
        assertArrayEquals(new double[]{3, 4}, numbers("(get [[1 2] [3 4]] 1)"), EPS);
        assertEquals(1, number("(first [1 2 3])"));
        assertEquals(2, number("(second [1 2 3])"));
        assertEquals(3, number("(last [1 2 3])"));
        assertArrayEquals(new double[]{2, 3}, numbers("(rest [1 2 3])"), EPS);
        assertEquals(0, ((ListValue) value("(rest [1])")).size());
        assertArrayEquals(new double[]{1, 2, 3, 4}, numbers("(conj [1 2] 3 4)"), EPS);
        assertArrayEquals(new double[]{1, 2, 3}, numbers("(append [1 2] 3)"), EPS);
        assertArrayEquals(new double[]{1, 2, 3, 4}, numbers("(conj [[1 2]] [3 4])"), EPS);
        assertArrayEquals(new double[]{1}, numbers("(conj [] 1)"), EPS);
        assertArrayEquals(new double[]{1, 9, 3}, numbers("(put [1 2 3] 1 9)"), EPS);
        assertEquals(3, number("(count [4 5 6])"));
        assertEquals(2, number("(count {:a 1 :b 2})"));
        assertArrayEquals(new double[]{0, 1, 2}, numbers("(range 3)"), EPS);
        assertArrayEquals(new double[]{2, 3}, numbers("(range 2 4)"), EPS);
        assertArrayEquals(new double[]{7, 7}, numbers("(repeat 2 7)"), EPS);
        assertArrayEquals(new long[]{3, 2}, shape("(repeat 3 [1 2])"));
        assertEquals(1, number("(get {:a 1 :b 2} :a)"));
        assertEquals(2, number("(get (hash-map \"x\" 1 2 2) 2)"));
        assertEquals(9, number("(get (put {:a 1} :b 9) :b)"));
        assertEquals(5, number("(get (conj {:a 1} [:c 5]) :c)"));
        // a list of maps, and a vector with a distribution in it, stay lists
        assertEquals(2, ((ListValue) value("[{:a 1} {:a 2}]")).size());
        assertInstanceOf(DistributionValue.class, ((ListValue) value("[(normal 0 1) 2]")).items().get(0));
    }

    @Test
    void matricesAndReductions() {
        assertArrayEquals(new double[]{3, 7}, numbers("(mat-mul [[1 2] [3 4]] [1 1])"), EPS);
        assertArrayEquals(new double[]{4, 6}, numbers("(mat-mul [1 1] [[1 2] [3 4]])"), EPS);
        assertArrayEquals(new double[]{7, 10, 15, 22}, numbers("(mat-mul [[1 2] [3 4]] [[1 2] [3 4]])"), EPS);
        assertArrayEquals(new double[]{1, 3, 2, 4}, numbers("(mat-transpose [[1 2] [3 4]])"), EPS);
        assertEquals(10, number("(sum [[1 2] [3 4]])"));
        assertEquals(2.5, number("(mean [1 2 3 4])"));
        assertEquals(5, number("(sum 5)"));
    }

    @Test
    void readCsvRelativeToTheModelFile() {
        assertArrayEquals(new long[]{8, 2}, shape("(read-csv \"data/eight_schools.csv\")"));
        assertArrayEquals(new double[]{28, 8, -3, 7, -1, 1, 18, 12}, numbers("(read-csv \"data/eight_schools.csv\" \"y\")"), EPS);
        // computed file names are read when the program runs
        assertArrayEquals(new long[]{8}, shape("(let [f \"data/eight_schools.csv\"] (read-csv f \"sigma\"))"));
        assertContains(error("(read-csv \"data/nope.csv\")", 1, 1).getMessage(), "no such data file");
        assertContains(error("(read-csv \"data/eight_schools.csv\" \"z\")", 1, 1).getMessage(), "no column 'z'");
    }

    @Test
    void foreachMapsOverSequences() {
        assertArrayEquals(new double[]{11, 22, 33}, numbers("(foreach 3 [x [1 2 3] y [10 20 30]] (+ x y))"), EPS);
        assertArrayEquals(new double[]{5, 5}, numbers("(foreach 2 [] 5)"), EPS);
        // only the first n items are used
        assertArrayEquals(new double[]{2, 4}, numbers("(foreach 2 [x [1 2 3]] (* 2 x))"), EPS);
        // rows of a matrix
        assertArrayEquals(new double[]{3, 7}, numbers("(foreach 2 [r [[1 2] [3 4]]] (sum r))"), EPS);
        // a body whose shapes depend on the item runs item by item
        ListValue ragged = (ListValue) value("(foreach 3 [n [1 2 3]] (range n))");
        assertEquals(3, ragged.size());
        assertArrayEquals(new double[]{0, 1}, Values.tensorOrNull(ragged.items().get(1)).tensor().toDoubleArray(), EPS);
        assertEquals(0, ((ListValue) value("(foreach 0 [x [1]] x)")).size());
        // nested foreach
        assertArrayEquals(new double[]{11, 21, 12, 22}, numbers("(foreach 2 [a [1 2]] (foreach 2 [b [10 20]] (+ a b)))"),
                EPS);
        // indexing with the loop variable
        assertArrayEquals(new double[]{30, 10}, numbers("(let [v [10 20 30]] (foreach 2 [i [2 0]] (get v i)))"), EPS);
        // items of a list of vectors of different lengths
        assertArrayEquals(new double[]{1, 2}, numbers("(foreach 2 [v [[1] [1 2]]] (count v))"), EPS);
    }

    @Test
    void loopThreadsAnAccumulator() {
        String program = "(defn step [i acc x] (+ acc (* i x)))\n(loop 4 100 step 2)";
        assertEquals(100 + 2 * (0 + 1 + 2 + 3), number(program));
        assertEquals(7, number("(defn f [i acc] acc)\n(loop 0 7 f)"));
        assertArrayEquals(new double[]{0, 1, 2}, numbers("(defn f [i acc] (conj acc i))\n(loop 3 [] f)"), EPS);
    }

    @Test
    void functionsAreCalledWithTheirOwnFrame() {
        String program = "(defn sq [x] (let [y (* x x)] y))\n(defn f [a b] (+ (sq a) (sq b)))\n(f 3 4)";
        assertEquals(25, number(program));
    }

    @Test
    void runtimeErrorsPointAtTheForm() {
        assertContains(error("(let [a [1 2]]\n  (+ a [1 2 3]))", 2, 3).getMessage(),
                "+: shapes [2] and [3] do not broadcast");
        assertContains(error("(get [1 2] 2)", 1, 1).getMessage(), "index 2 is out of range for a vector of 2 items");
        assertContains(error("(get {:a 1} :b)", 1, 1).getMessage(), "no key :b in the map; its keys are [:a]");
        assertContains(error("(sample 3)", 1, 1).getMessage(), "sample needs a distribution, got a number");
        assertContains(error("(foreach 2.5 [] 1)", 1, 10).getMessage(), "the foreach count must be a whole number");
        assertContains(error("(foreach 3 [x [1 2]] x)", 1, 15).getMessage(), "needs at least 3 items, this vector has 2");
        assertContains(error("(sample (normal 0 -1))", 1, 1).getMessage(), "scale");
        assertContains(error("(+ 1 :a)", 1, 1).getMessage(), "+ argument 2 must be a number or an array of numbers");
        assertContains(error("(range (sample (normal 0 1)))", 1, 1).getMessage(),
                "must be known before the program runs");
        assertContains(error("(mat-mul [1 2] [1 2 3])", 1, 1).getMessage(), "mat-mul: inner sizes differ");
        assertContains(error("(if (sample (flip 0.5)) [1 2] {:a 1})", 1, 1).getMessage(), "branches of the same kind");
    }

    @Test
    void aLiteralDataVectorOfManyNumbersCompilesToOneArray() {
        StringBuilder b = new StringBuilder("(let [y [");
        double sum = 0;
        for (int i = 0; i < 50_000; i++) {
            b.append(i % 7).append(".5 ");
            sum += i % 7 + 0.5;
        }
        b.append("]] (observe (normal 3 2) y) (sum y))");
        assertEquals(sum, number(b.toString()), 1e-6);
    }

    @Test
    void valuesDescribeThemselves() {
        assertEquals("a vector of 3 numbers", Values.describe(value("[1 2 3]")));
        assertEquals("a 2x2 matrix", Values.describe(value("[[1 2] [3 4]]")));
        assertEquals("a normal distribution", Values.describe(value("(normal 0 1)")));
        assertEquals("the keyword :a", Values.describe(value(":a")));
        assertEquals("a string", Values.describe(value("\"s\"")));
        assertEquals("a vector of 2 items", Values.describe(value("[[1] [2 3]]")));
        assertEquals(List.of(), ((ListValue) value("()")).items());
    }
}
