package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The JVM executor's log1p, expm1 and tanh against fdlibm's (StrictMath), within 4 ulps, edges exactly. */
class JvmMathTest {
    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, 4 * Math.ulp(expected) + Double.MIN_VALUE, what);
    }

    @Test
    void matchFdlibmAcrossTheRealLine() {
        RandomStream r = RandomStream.of(TestSeeds.seed(5));
        for (int i = 0; i < 200_000; i++) {
            // log-uniform magnitudes from 1e-20 to 1e3, both signs
            double x = Math.copySign(Math.pow(10, -20 + 23 * r.uniformDouble()), r.uniformDouble() - 0.5);
            if (x > -1) {
                close(StrictMath.log1p(x), JvmMath.log1p(x), "log1p(" + x + ")");
            }
            close(StrictMath.expm1(x), JvmMath.expm1(x), "expm1(" + x + ")");
            close(StrictMath.tanh(x), JvmMath.tanh(x), "tanh(" + x + ")");
        }
        for (double x : new double[]{0.0, -0.0, -1.0, -2.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, 710, -750}) {
            close(StrictMath.log1p(x), JvmMath.log1p(x), "log1p(" + x + ")");
            close(StrictMath.expm1(x), JvmMath.expm1(x), "expm1(" + x + ")");
            close(StrictMath.tanh(x), JvmMath.tanh(x), "tanh(" + x + ")");
        }
    }
}
