package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyrite.distributions.UnivariateFamilies.Family;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * logProb, cdf and icdf of every univariate family against Apache Commons Statistics at random
 * parameter and value points, float64: log densities to 1e-10 relative error (absolute where the log
 * density is smaller than 1 in magnitude, since relative error of a logarithm near 0 says nothing),
 * distribution functions to 1e-10 relative error, quantiles by {@code cdf(icdf(p)) = p} to 1e-9.
 */
class UnivariateLogProbTest {
    static final int POINTS = 200;
    static final double TOL = 1e-10;

    @TestFactory
    List<DynamicTest> againstCommonsStatistics() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Family> all = new ArrayList<>(UnivariateFamilies.continuous());
        all.addAll(UnivariateFamilies.discrete());
        for (Family f : all) {
            tests.add(dynamicTest(f.name() + " logProb", () -> check(f)));
        }
        return tests;
    }

    /** Random parameter tuples [param][point], values drawn through the reference quantile function. */
    static Object[] points(Family f, long seed) {
        Random r = new Random(seed);
        int k = f.params().size();
        double[][] params = new double[k][POINTS];
        double[] x = new double[POINTS];
        double[] u = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double[] p = new double[k];
            for (int j = 0; j < k; j++) {
                p[j] = f.params().get(j).applyAsDouble(r);
                params[j][i] = p[j];
            }
            u[i] = 0.001 + 0.998 * r.nextDouble();
            x[i] = f.reference().apply(p).icdf(u[i]);
        }
        return new Object[]{params, x, u};
    }

    static void check(Family f) {
        Object[] pts = points(f, f.name().hashCode());
        double[][] params = (double[][]) pts[0];
        double[] x = (double[]) pts[1];
        double[] u = (double[]) pts[2];
        Tensor[] pt = new Tensor[params.length];
        for (int j = 0; j < pt.length; j++) {
            pt[j] = Tensor.of(params[j]);
        }
        Distribution d = f.ours().apply(pt);
        assertArrayEquals(new long[]{POINTS}, d.batchShape(), f.name() + " batch shape");
        double[] lp = d.logProb(Tensor.of(x)).toDoubleArray();
        double[] cdf = f.cdf() ? d.cdf(Tensor.of(x)).toDoubleArray() : null;
        double[] icdf = f.icdf() ? d.icdf(Tensor.of(u)).toDoubleArray() : null;
        for (int i = 0; i < POINTS; i++) {
            double[] p = new double[params.length];
            for (int j = 0; j < p.length; j++) {
                p[j] = params[j][i];
            }
            Reference ref = f.reference().apply(p);
            String where = f.name() + java.util.Arrays.toString(p) + " at x = " + x[i];
            Assertions2.close(ref.logDensity(x[i]), lp[i], TOL, "logProb of " + where);
            if (cdf != null) {
                Assertions2.relative(ref.cdf(x[i]), cdf[i], TOL, "cdf of " + where);
            }
            if (icdf != null) {
                // Round trip through the reference distribution function: Commons' own quantile function
                // is inaccurate far in the tails of TruncatedNormal.
                Assertions2.relative(u[i], ref.cdf(icdf[i]), 1e-9, "cdf(icdf(p)) of " + f.name()
                        + java.util.Arrays.toString(p) + ", p = " + u[i]);
            }
        }
    }
}
