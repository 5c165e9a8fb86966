package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Beta;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The example from Pyro's tests (test_enum.py, test_elbo_bern): a Bernoulli(q = 0.75) guide against a
 * Bernoulli(p = 0.2693204236205713) prior has KL exactly 0.5 per site. TraceEnumELBO is not available
 * (branch enum has not landed), so it is checked through the analytic KL of TraceMeanFieldELBO and by
 * a Monte Carlo TraceELBO.
 */
class KlTest {
    static final double P = 0.2693204236205713;
    static final int SITES = 3;

    static void model() {
        try (Plate p = Pyrite.plate("sites", SITES)) {
            Pyrite.sample("z", Bernoulli.ofProbs(Tensor.scalar(P)));
        }
    }

    static void guide() {
        Tensor q = Pyrite.param("q", Tensor.scalar(0.75), Constraints.UNIT_INTERVAL);
        try (Plate p = Pyrite.plate("sites", SITES)) {
            Pyrite.sample("z", Bernoulli.ofProbs(q));
        }
    }

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    @Test
    void bernoulliKlIsHalfPerSite() {
        assertEquals(0.5, KlDivergence.of(Bernoulli.ofProbs(0.75), Bernoulli.ofProbs(P)).item(), 1e-12);
        SVI svi = SVI.of(KlTest::model, KlTest::guide, Sgd.of(1e-3), TraceMeanFieldELBO.of());
        assertEquals(0.5 * SITES, svi.evaluateLoss(), 1e-12, "-ELBO = KL summed over the sites");
    }

    @Tag(TestSeeds.TAG)
    @Test
    void monteCarloElboAgreesWithinItsError() {
        int n = 20_000;
        SVI svi = SVI.of(KlTest::model, KlTest::guide, Sgd.of(1e-3), TraceELBO.of(n)).seed(TestSeeds.seed(4));
        // per-particle terms are sums of 3 log-ratios of sd about 1.1 each: standard error ~ 1.9 / sqrt(n)
        assertEquals(0.5 * SITES, svi.evaluateLoss(), 5 * 1.9 / Math.sqrt(n));
    }

    @Tag(TestSeeds.TAG)
    @Test
    void closedFormPairsMatchMonteCarlo() {
        RandomStream s = RandomStream.of(TestSeeds.seed(9));
        int n = 400_000;
        Normal q = Normal.of(0.3, 0.7);
        Normal p = Normal.of(-0.2, 1.3);
        Tensor x = q.sample(s, n);
        assertWithinStandardErrors(q.logProb(x).sub(p.logProb(x)).toDoubleArray(), KlDivergence.of(q, p).item(), "Normal");
        Beta qb = Beta.of(2.0, 3.0);
        Beta pb = Beta.of(1.5, 1.0);
        Tensor y = qb.sample(s, n);
        assertWithinStandardErrors(qb.logProb(y).sub(pb.logProb(y)).toDoubleArray(), KlDivergence.of(qb, pb).item(), "Beta");
    }

    /** The mean of the log-ratios within 4.5 of its standard errors (sample sd / sqrt(n)) of the closed form. */
    private static void assertWithinStandardErrors(double[] logRatios, double exact, String what) {
        int n = logRatios.length;
        double mean = 0;
        for (double v : logRatios) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : logRatios) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        assertEquals(exact, mean, 4.5 * se, what + " KL by Monte Carlo (standard error " + se + ")");
    }
}
