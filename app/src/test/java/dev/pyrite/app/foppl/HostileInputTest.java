package dev.pyrite.app.foppl;

import static dev.pyrite.app.foppl.TestPrograms.assertContains;
import static dev.pyrite.app.foppl.TestPrograms.error;
import static dev.pyrite.app.foppl.TestPrograms.number;
import static dev.pyrite.app.foppl.TestPrograms.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The failures {@link FopplFuzzTest} found, each pinned down: inputs that used to overflow the stack,
 * throw an exception without a position or crash the JVM in libnd4j now fail at their form.
 */
class HostileInputTest {

    @Test
    void deepNestingIsAnErrorAtTheBracketBeyondTheLimit() {
        String text = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        FopplException e = error(text, 1, Reader.MAX_NESTING + 1);
        assertContains(e.getMessage(), "brackets nested more than " + Reader.MAX_NESTING + " deep");
        assertContains(error("[".repeat(50_000), 1, Reader.MAX_NESTING + 1).getMessage(), "nested more than");
    }

    @Test
    void nestingBelowTheLimitStillCompilesAndRuns() {
        int depth = 200;
        String text = "(+ 1 ".repeat(depth) + "0" + ")".repeat(depth);
        assertEquals(depth, number(text));
    }

    @Test
    void unicodeBlanksSeparateTokensLikeSpaces() {
        assertEquals(3.0, number("(+ 1\u20282)"));       // a line separator used to end in an empty token
        assertEquals(3.0, number("\ufeff(+ 1\u000b2)"));  // a byte order mark first, a vertical tab
        assertContains(error("(+ 1 \u2028 x)", 1, 8).getMessage(), "unbound symbol 'x'");
    }

    @Test
    void hugeCountsFailAtTheirFormInsteadOfExhaustingMemory() {
        assertContains(error("(range 1e9)", 1, 1).getMessage(),
                "range end must be a whole number from 0 to " + TensorValue.MAX_COUNT + ", got 1000000000");
        assertContains(error("(foreach 1e400 [] 1)", 1, 10).getMessage(), "got Infinity");
        assertContains(error("(repeat (/ 0 0) 1)", 1, 1).getMessage(), "got NaN");
        assertEquals(3.0, number("(count (repeat 3 1))"));
    }

    @Test
    void arraysOfMoreThanSixteenDimensionsFailAtTheirForm() {
        int max = TensorValue.MAX_RANK;
        long[] ones = new long[max];
        java.util.Arrays.fill(ones, 1L);
        assertArrayEquals(ones, shape("[".repeat(max) + "1" + "]".repeat(max)));
        FopplException e = error("[".repeat(max + 1) + "1" + "]".repeat(max + 1), 1, 1);
        assertContains(e.getMessage(), "arrays may have at most " + max + " dimensions, got " + (max + 1));
        // a computed one: the vector of a 16-dimensional array, inside a sample's arguments
        String deep = "(let [a " + "[".repeat(max) + "0.5" + "]".repeat(max) + "] (sample (categorical [a a])))";
        assertContains(error(deep, 1, 1 + deep.indexOf("[a a]")).getMessage(), "at most " + max + " dimensions");
    }

    @Test
    void observedDataOutsideTheSupportFailAtTheObserveForm() {
        FopplException e = error("(let [r 3]\n  (observe (poisson r) [1 2.5]))", 2, 3);
        assertContains(e.getMessage(), "the observed value must lie in the support of poisson (nonnegative integer);"
                + " got 2.5");
        assertContains(error("(observe (normal 0 1) 1e400)", 1, 1).getMessage(), "got Infinity");
        assertContains(error("(observe (dirichlet [1 1]) [0.5 0.7])", 1, 1).getMessage(),
                "support of dirichlet (simplex)");
    }

    @Test
    void drawsThatOverflowFailAtTheSampleForm() {
        // exp(1e8 z) is 0 or infinity in floating point unless |z| < 7e-6
        FopplException e = error("(let [x (sample (lognormal 0 1e8))] x)", 1, 9);
        assertContains(e.getMessage(), "the value of site 'x' must lie in the support of lognormal (positive)");
    }
}
