package dev.pyrite.app;

import static dev.pyrite.app.PosteriorChecks.assertMean;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.tensor.TestSeeds;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A change point with a discrete switch day through the whole run layer, against the exact posterior by
 * summation over the day (each segment's Gamma rate integrated out by Poisson-Gamma conjugacy). NUTS sums
 * tau out and draws it afterwards from its exact conditional; DHMC and Gibbs sample it. tau and the
 * program's value (which depends on tau) are reported either way.
 */
@Tag(TestSeeds.TAG)
class ChangePointRunTest {
    private static final int[] Y = {5, 3, 6, 4, 5, 1, 0, 2, 1, 1};
    private static final double A = 2;
    private static final double B = 0.5;
    private static final String MODEL = """
            (let [y     [5 3 6 4 5 1 0 2 1 1]
                  tau   (sample (uniform-discrete 0 10))
                  early (sample (gamma 2 0.5))
                  late  (sample (gamma 2 0.5))]
              (foreach 10 [t (range 10) yt y]
                (observe (poisson (if (< t tau) early late)) yt))
              [tau early late])
            """;

    /** {E[tau], E[early], E[late]} by summation over tau = 0..9. */
    private static double[] exact() {
        int n = Y.length;
        double[] logp = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int tau = 0; tau < n; tau++) {
            logp[tau] = segment(0, tau) + segment(tau, n);
            max = Math.max(max, logp[tau]);
        }
        double z = 0;
        double tauMean = 0;
        double early = 0;
        double late = 0;
        for (int tau = 0; tau < n; tau++) {
            double p = Math.exp(logp[tau] - max);
            z += p;
            tauMean += p * tau;
            early += p * rateMean(0, tau);
            late += p * rateMean(tau, n);
        }
        return new double[]{tauMean / z, early / z, late / z};
    }

    /** log of the Gamma(A, B) prior's evidence for counts y[from..to) (the factorials cancel). */
    private static double segment(int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += Y[t];
        }
        return LogGamma.value(A + s) - (A + s) * Math.log(B + (to - from));
    }

    /** The rate's posterior mean given the segment (the prior's when it is empty). */
    private static double rateMean(int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += Y[t];
        }
        return (A + s) / (B + (to - from));
    }

    private static RunResult run(Algorithm algorithm, long seed) {
        return ModelRun.of(FopplProgram.parse(MODEL, "change_point.clj", null)).algorithm(algorithm).chains(4)
                .warmup(300).samples(500).seed(seed).run();
    }

    private static void check(RunResult r) {
        double[] e = exact();
        assertMean(r, "tau", e[0], 0, 0);
        assertMean(r, "early", e[1], 0, 0);
        assertMean(r, "late", e[2], 0, 0);
        // the program's value [tau early late] is reported draw by draw, tau included
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(r.draws().get("tau")[c], r.draws().get("return[1]")[c]);
            // the same exp of the same draw; a vectorised exp may round the last bit otherwise
            assertArrayEquals(r.draws().get("late")[c], r.draws().get("return[3]")[c], 1e-12);
        }
        assertNull(r.note(), "nothing of the program's value is left out");
    }

    @Test
    void nutsReportsTheEnumeratedDayAndTheValueThatDependsOnIt() {
        check(run(Algorithm.NUTS, TestSeeds.seed(31)));
    }

    @Test
    void gibbsSamplesTheDay() {
        check(run(Algorithm.GIBBS, TestSeeds.seed(32)));
    }
}
