package dev.pyrite.app.foppl;

import static dev.pyrite.app.foppl.TestPrograms.assertContains;
import static dev.pyrite.app.foppl.TestPrograms.error;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** Every error the compiler reports, each at its file:line:column, and programs using every form. */
class CompilerTest {

    @Test
    void everyFormCompiles() {
        String program = String.join("\n",
                "(defn f [a b] (+ a b))",
                "(defn step [i acc x] (conj acc (* i x)))",
                "(let [v [1 2 3]",
                "      m {:a 1 \"b\" 2}",
                "      h (hash-map :c 3)",
                "      w (vector 1 2)",
                "      s (sample (normal 0 1))",
                "      _ (observe (normal s 1) 0.5)",
                "      xs (foreach 3 [x v y [4 5 6]] (f x y))",
                "      l (loop 3 [] step 2)",
                "      c (if (< s 0) -1 1)",
                "      d (and (not (> 1 2)) (or false true) (>= 2 2) (<= 1 2) (= 1 1) (not= 1 2))",
                "      g [(get v 0) (get m :a) (nth v 1) (first v) (second v) (last v) (count v)]",
                "      r [(rest v) (conj v 4) (append v 5) (put v 0 9) (range 3) (range 1 4) (repeat 2 7)]",
                "      e [(exp 1) (log 2) (sqrt 4) (abs -1) (pow 2 3) (sin 0) (cos 0) (tanh 0) (sigmoid 0)]",
                "      a [(+ 1 2) (- 3) (- 5 1) (* 2 3) (/ 4) (/ 8 2) (max 1 2) (min 1 2)]",
                "      la [(mat-mul [[1 2] [3 4]] [1 1]) (mat-transpose [[1 2] [3 4]]) (sum v) (mean v)]",
                "      data (read-csv \"data/eight_schools.csv\" \"y\")]",
                "  [xs l c d g r e a la data])");
        assertDoesNotThrow(() -> TestPrograms.value(program));
    }

    @Test
    void programLayout() {
        assertContains(error("", 1, 1).getMessage(), "the program is empty");
        assertContains(error("  ; only a comment\n", 1, 1).getMessage(), "the program is empty");
        assertContains(error("(defn f [x] x)", 1, 1).getMessage(), "no expression after its defn forms");
        assertContains(error("1\n(defn f [x] x)", 2, 1).getMessage(), "defn after the program's expression");
        assertContains(error("1\n  2", 2, 3).getMessage(), "a second top-level expression");
    }

    @Test
    void defnErrors() {
        assertContains(error("(defn f x)\n1", 1, 1).getMessage(), "defn needs a name, a parameter vector and a body");
        assertContains(error("(defn f x 1)\n1", 1, 9).getMessage(), "expected a parameter vector");
        assertContains(error("(defn f [x 1] x)\n1", 1, 12).getMessage(), "parameters must be symbols");
        assertContains(error("(defn f [x x] x)\n1", 1, 12).getMessage(), "parameter 'x' appears twice");
        assertContains(error("(defn f [x] x)\n(defn f [y] y)\n1", 2, 7).getMessage(),
                "function 'f' is defined twice (first at t.clj:1:1)");
        assertContains(error("(defn exp [x] x)\n1", 1, 7).getMessage(), "cannot define 'exp': it is a built-in name");
        assertContains(error("(let [a 1]\n  (defn f [x] x))", 2, 3).getMessage(), "defn is only allowed at the top level");
        assertContains(error("(defn f \"doc\" [x])\n1", 1, 1).getMessage(), "has no body");
        assertDoesNotThrow(() -> TestPrograms.value("(defn f \"adds one\" [x] (+ x 1))\n(f 1)"));
    }

    @Test
    void unboundSymbolsWithSuggestions() {
        FopplException e = error("(let [sigma 1]\n  (+ sigam 2))", 2, 6);
        assertContains(e.getMessage(), "unbound symbol 'sigam'; did you mean 'sigma'?");
        assertContains(e.getMessage(), "in: sigam");
        error("(foreach 2 [x [1 2]] y)", 1, 22);
        error("(let [a b] a)", 1, 9);
        // a let binding is not visible in its own initialiser, nor outside the let
        error("(let [a 1] (let [b (+ b 1)] b))", 1, 23);
        error("[(let [a 1] a) a]", 1, 16);
    }

    @Test
    void functionsAndBuiltinsAreNotValues() {
        assertContains(error("(defn f [x] x)\n(+ f 1)", 2, 4).getMessage(), "function 'f' used as a value");
        assertContains(error("(+ exp 1)", 1, 4).getMessage(), "'exp' is a built-in function or form, not a value");
        assertContains(error("(let [g 1] (g 2))", 1, 12).getMessage(), "'g' is a local variable, not a function");
        assertContains(error("((f) 1)", 1, 1).getMessage(), "expected a function, distribution or form name");
        assertContains(error("(map inc [1 2])", 1, 1).getMessage(), "unknown function 'map'");
        assertContains(error("(fn [x] x)", 1, 1).getMessage(), "anonymous functions (fn) are not part of FOPPL");
    }

    @Test
    void wrongArity() {
        assertContains(error("(exp 1 2)", 1, 1).getMessage(), "wrong number of arguments to exp: expected 1, got 2");
        assertContains(error("(defn f [a b] a)\n(+ 1 (f 1))", 2, 6).getMessage(),
                "wrong number of arguments to f: expected 2, got 1 (defined at t.clj:1:1)");
        assertContains(error("(sample (normal 1))", 1, 9).getMessage(),
                "wrong number of arguments to normal: expected 2, got 1");
        assertContains(error("(sample (student-t 1 2))", 1, 9).getMessage(), "expected 1 or 3, got 2");
        assertContains(error("(if true)", 1, 1).getMessage(), "wrong number of arguments to if: expected 2 or 3");
        assertContains(error("(sample)", 1, 1).getMessage(), "wrong number of arguments to sample: expected 1");
        assertContains(error("(observe (normal 0 1))", 1, 1).getMessage(), "wrong number of arguments to observe");
        assertContains(error("(put [1] 0)", 1, 1).getMessage(), "expected 3, got 2");
        assertContains(error("(range)", 1, 1).getMessage(), "expected 1 or 2, got 0");
        assertContains(error("(conj [1])", 1, 1).getMessage(), "expected at least 2, got 1");
    }

    @Test
    void unknownDistributions() {
        FopplException e = error("(let [x 1]\n  (sample (nromal x 1)))", 2, 11);
        assertContains(e.getMessage(), "unknown distribution 'nromal'; did you mean 'normal'?");
        assertContains(e.getMessage(), "known distributions: bernoulli, bernoulli-logit, beta");
        error("(observe (wishart 1 2) 3)", 1, 10);
        assertContains(error("(normel 0 1)", 1, 1).getMessage(), "unknown function 'normel'; did you mean 'normal'?");
    }

    @Test
    void recursionIsReportedAtTheCall() {
        assertContains(error("(defn f [x]\n  (f x))\n(f 1)", 2, 3).getMessage(),
                "recursion: 'f' calls itself; FOPPL is first-order");
        FopplException e = error("(defn f [x] (g x))\n(defn g [x] (+ 1 (f x)))\n(f 1)", 2, 18);
        assertContains(e.getMessage(), "'f' calls itself through f -> g -> f");
        assertContains(error("(defn f [i acc] (loop 2 acc f))\n(f 0 1)", 1, 17).getMessage(), "recursion");
    }

    @Test
    void specialFormSyntax() {
        assertContains(error("(let [a] a)", 1, 6).getMessage(), "let bindings come in pairs");
        assertContains(error("(let [[a b] [1 2]] a)", 1, 7).getMessage(), "destructuring is not part of FOPPL");
        assertContains(error("(let [a 1])", 1, 1).getMessage(), "let needs a binding vector and a body");
        assertContains(error("(let [exp 1] exp)", 1, 7).getMessage(), "cannot bind 'exp'");
        assertContains(error("(foreach 2 x 1)", 1, 1).getMessage(), "foreach needs a count, a binding vector");
        assertContains(error("(foreach 2 [x] 1)", 1, 12).getMessage(), "foreach bindings come in pairs");
        assertContains(error("(loop 2 0 g)", 1, 11).getMessage(), "loop: unknown function 'g'");
        assertContains(error("(defn g [i a b] a)\n(loop 2 0 g)", 2, 1).getMessage(),
                "loop's function g: it takes 3 parameters, loop passes the index, the accumulated value and 0 more");
        assertContains(error("(loop 2 0)", 1, 1).getMessage(), "loop needs a count, an initial value and a function name");
    }
}
