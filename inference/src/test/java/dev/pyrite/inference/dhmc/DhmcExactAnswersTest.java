package dev.pyrite.inference.dhmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Beta;
import dev.pyrite.distributions.Binomial;
import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.DiscreteUniform;
import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.McseMean;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DHMC against exact answers (closed forms and sums over the support): each posterior mean within 4
 * MCSE (about 1e-4 failure probability per assertion), for any seed.
 */
@Tag(TestSeeds.TAG)
class DhmcExactAnswersTest {
    private static final double Z = 4.0;
    /**
     * Many short chains: a batched call costs about the same for 16 chains as for 4, so the draws come
     * cheaper than from long chains (the per-call cost dominates these tiny models).
     */
    private static final int CHAINS = 16;

    private static double mean(double[][] draws) {
        double s = 0;
        int n = 0;
        for (double[] chain : draws) {
            for (double v : chain) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static void assertMean(double[][] draws, double exact, String what) {
        double mean = mean(draws);
        double mcse = McseMean.of(draws);
        assertTrue(Math.abs(mean - exact) < Z * mcse,
                what + ": posterior mean " + mean + ", exact " + exact + ", MCSE " + mcse);
    }

    /**
     * x ~ Normal(0, 1) with a likelihood that drops by e^-1.5 below 0.5: the density jumps at 0.5. The
     * exact mean is a ratio of normal integrals: (w (-phi(a)) + phi(a)) / (w Phi(a) + 1 - Phi(a)).
     */
    @Test
    void oneDimensionalJump() {
        Potential jump = new Potential() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public Tensor energy(Tensor q) {
                Tensor x = q.slice(1, 0, 1).reshape(-1);
                return x.square().mul(0.5).add(x.lt(0.5).castTo(x.dtype()).mul(1.5));
            }
        };
        McmcSamples s = DHMC.of(jump, new int[]{0}).chains(CHAINS).warmup(200).samples(300)
                .seed(TestSeeds.seed(31)).run();
        NormalDistribution n = NormalDistribution.of(0, 1);
        double a = 0.5;
        double w = Math.exp(-1.5);
        double phi = n.density(a);
        double cdf = n.cumulativeProbability(a);
        double exact = (-w * phi + phi) / (w * cdf + 1 - cdf);
        assertMean(s.coordinate(0), exact, "x");
    }

    /** k ~ Poisson(3) seen through three Normal(k, 1) measurements; exact by summing k over 0..200. */
    @Test
    void poissonLatentThroughGaussianMeasurements() {
        double[] y = {4.2, 5.1, 3.7};
        ModelPotential u = ModelPotential.embedding(() -> {
            Tensor k = Pyrite.sample("k", Poisson.of(3.0));
            try (Plate p = Pyrite.plate("data", y.length)) {
                Pyrite.sample("y", Normal.of(k, Tensor.scalar(1.0)), Tensor.of(y));
            }
        });
        McmcSamples s = DHMC.of(u).chains(CHAINS).warmup(200).samples(300).seed(TestSeeds.seed(32)).run();
        PoissonDistribution prior = PoissonDistribution.of(3);
        double norm = 0;
        double first = 0;
        for (int k = 0; k <= 200; k++) {
            double lp = prior.logProbability(k);
            for (double v : y) {
                lp += -0.5 * (v - k) * (v - k);
            }
            double w = Math.exp(lp);
            norm += w;
            first += k * w;
        }
        Map<String, double[][]> draws = Posterior.of(u, s).draws();
        assertMean(draws.get("k"), first / norm, "k");
    }

    /**
     * NumPyro's 1-D mixture (test_mixed_hmc): z ~ Categorical([.15, .3, .3, .25]), x ~ Normal(locs[z], 0.5)
     * with locs [-2, 0, 2, 4]; x has mean 1.3 and variance 4.36.
     */
    @Test
    void numpyroMixture() {
        double[] probs = {0.15, 0.3, 0.3, 0.25};
        double[] locs = {-2, 0, 2, 4};
        ModelPotential u = ModelPotential.embedding(() -> {
            Tensor z = Pyrite.sample("z", Categorical.ofProbs(Tensor.of(probs)));
            Tensor loc = Tensor.of(locs).indexSelect(0, z.reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.INT64))
                    .reshape(z.shape());
            Pyrite.sample("x", Normal.of(loc, Tensor.scalar(0.5)));
        });
        McmcSamples s = DHMC.of(u).chains(CHAINS).warmup(250).samples(400).seed(TestSeeds.seed(33)).run();
        Map<String, double[][]> draws = Posterior.of(u, s).draws();
        double[][] x = draws.get("x");
        assertMean(x, 1.3, "x");
        double[][] squares = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            squares[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                squares[c][i] = (x[c][i] - 1.3) * (x[c][i] - 1.3);
            }
        }
        assertMean(squares, 4.36, "(x - 1.3)^2");
    }

    /**
     * Counts k_i ~ Binomial(N, p) with the count N ~ Poisson(40) and p ~ Beta(20, 20) unknown. Exact by
     * summing over N, with p integrated out in closed form:
     * P(N | k) ~ Poisson(N; 40) prod C(N, k_i) B(20 + sum k, 20 + m N - sum k).
     */
    @Test
    void binomialWithUnknownCount() {
        double[] k = {16, 18, 22, 25, 27};
        ModelPotential u = ModelPotential.embedding(() -> {
            Tensor n = Pyrite.sample("N", Poisson.of(40.0));
            Tensor p = Pyrite.sample("p", Beta.of(20.0, 20.0));
            try (Plate plate = Pyrite.plate("data", k.length)) {
                Pyrite.sample("k", Binomial.ofProbs(n, p), Tensor.of(k));
            }
        });
        int chains = CHAINS;
        double[][] init = new double[chains][];
        for (int c = 0; c < chains; c++) {
            init[c] = new double[]{40.5 + c, 0.0};   // N = 45.. and p = 1/2 (logit 0); coordinates follow site order
        }
        McmcSamples s = DHMC.of(u).chains(chains).warmup(250).samples(350).seed(TestSeeds.seed(34))
                .initialPositions(Nd4j.createFromArray(init)).run();
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        double logNorm = Double.NEGATIVE_INFINITY;
        double[] logW = new double[400];
        PoissonDistribution prior = PoissonDistribution.of(40);
        for (int n = 27; n < logW.length; n++) {
            double lw = prior.logProbability(n);
            for (double v : k) {
                lw += LogGamma.value(n + 1) - LogGamma.value(v + 1) - LogGamma.value(n - v + 1);
            }
            lw += logBeta(20 + sum, 20 + k.length * n - sum);
            logW[n] = lw;
            logNorm = Math.max(logNorm, lw);
        }
        double norm = 0;
        double first = 0;
        for (int n = 27; n < logW.length; n++) {
            double w = Math.exp(logW[n] - logNorm);
            norm += w;
            first += n * w;
        }
        Map<String, double[][]> draws = Posterior.of(u, s).draws();
        assertEquals(0, s.divergences(), "divergences");
        assertMean(draws.get("N"), first / norm, "N");
    }

    /**
     * A change point: counts y_t ~ Poisson(t < tau ? l1 : l2) over 12 days, the switch day
     * tau ~ DiscreteUniform(0, 12) (0: every day at l2; 12: every day at l1), rates l1, l2 ~ Gamma(2, 0.5).
     * Exact by summing over tau, each rate integrated out by Poisson-Gamma conjugacy: a segment of n days
     * with total S contributes b^a / Gamma(a) * Gamma(a + S) / (b + n)^(a + S) (over prod y_t!, common to
     * every tau), and given tau its rate's posterior is Gamma(a + S, b + n), of mean (a + S) / (b + n).
     */
    @Test
    void changePointWithConjugateGammaRates() {
        double[] y = {3, 5, 2, 4, 6, 3, 6, 9, 5, 8, 7, 10};
        int days = y.length;
        double a = 2.0;
        double b = 0.5;
        double[] dayIndex = new double[days];
        for (int t = 0; t < days; t++) {
            dayIndex[t] = t;
        }
        ModelPotential u = ModelPotential.embedding(() -> {
            Tensor tau = Pyrite.sample("tau", DiscreteUniform.of(0, days));
            Tensor early = Pyrite.sample("l1", Gamma.of(a, b));
            Tensor late = Pyrite.sample("l2", Gamma.of(a, b));
            try (Plate p = Pyrite.plate("days", days)) {
                Tensor before = tau.sub(Tensor.of(dayIndex)).gt(0.0).castTo(early.dtype());   // t < tau
                Tensor rate = early.mul(before).add(late.mul(before.neg().add(1.0)));
                Pyrite.sample("y", Poisson.of(rate), Tensor.of(y));
            }
        });
        McmcSamples s = DHMC.of(u).chains(CHAINS).warmup(250).samples(400).seed(TestSeeds.seed(35)).run();
        double[] logW = new double[days + 1];
        double[] earlyMean = new double[days + 1];
        double[] lateMean = new double[days + 1];
        double top = Double.NEGATIVE_INFINITY;
        for (int tau = 0; tau <= days; tau++) {
            double early = 0;
            double late = 0;
            for (int t = 0; t < days; t++) {
                if (t < tau) {
                    early += y[t];
                } else {
                    late += y[t];
                }
            }
            logW[tau] = segment(a, b, tau, early) + segment(a, b, days - tau, late);
            earlyMean[tau] = (a + early) / (b + tau);
            lateMean[tau] = (a + late) / (b + days - tau);
            top = Math.max(top, logW[tau]);
        }
        double norm = 0;
        double[] exact = new double[4];   // E[tau], E[l1], E[l2], P(tau = 6)
        for (int tau = 0; tau <= days; tau++) {
            double w = Math.exp(logW[tau] - top);
            norm += w;
            exact[0] += tau * w;
            exact[1] += earlyMean[tau] * w;
            exact[2] += lateMean[tau] * w;
            exact[3] += tau == 6 ? w : 0;
        }
        Map<String, double[][]> draws = Posterior.of(u, s).draws();
        assertMean(draws.get("tau"), exact[0] / norm, "tau");
        assertMean(draws.get("l1"), exact[1] / norm, "l1");
        assertMean(draws.get("l2"), exact[2] / norm, "l2");
        double[][] tauSix = draws.get("tau").clone();
        for (int c = 0; c < tauSix.length; c++) {
            tauSix[c] = java.util.Arrays.stream(tauSix[c]).map(v -> v == 6 ? 1 : 0).toArray();
        }
        assertMean(tauSix, exact[3] / norm, "P(tau = 6)");
    }

    /** log of the Gamma(a, b) prior's Poisson marginal of a segment of n days with total count S (less prod y!). */
    private static double segment(double a, double b, int n, double total) {
        return a * Math.log(b) - LogGamma.value(a) + LogGamma.value(a + total) - (a + total) * Math.log(b + n);
    }

    private static double logBeta(double a, double b) {
        return LogGamma.value(a) + LogGamma.value(b) - LogGamma.value(a + b);
    }
}
