package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(TestSeeds.TAG)
class EffectiveSampleSizeTest {

  /**
   * For independent draws tau = 1 and ESS = N = 4000. The estimate's error comes from the few
   * noisy autocorrelations kept before Geyer's truncation (each with standard deviation
   * 1/sqrt(N) ~ 0.016); summed over a handful of lags and doubled this gives a relative
   * standard deviation of roughly 4% for ESS. Measured over 200 other seeds: standard deviation
   * 4.3%, worst case -16% (the distribution has a longer lower tail, from noisy lags kept by
   * the truncation). The 20% band is about 4.6 standard deviations, wide enough for the 20
   * assertions below to pass for any seed (TestSeeds) with probability about 1 - 1e-4.
   */
  @Test
  void iidNormalBulkAndBasicEssAreCloseToTheNumberOfDraws() {
    for (long seed = 1; seed <= 10; seed++) {
      double[][] draws = TestDraws.iidNormal(TestSeeds.seed(seed), 4, 1000);
      assertEquals(4000.0, EffectiveSampleSize.bulk(draws), 0.20 * 4000.0, "seed " + seed);
      assertEquals(4000.0, EffectiveSampleSize.basic(draws), 0.20 * 4000.0, "seed " + seed);
    }
  }

  /**
   * The tail ESS is the ESS of the indicators I(x <= q05), I(x <= q95): also independent, so
   * about N, but binary with p = 0.05 and hence noisier. Measured over 200 other seeds: mean
   * -4%, standard deviation 3.9%, worst -18%; a 25% band is used.
   */
  @Test
  void iidNormalTailEssIsCloseToTheNumberOfDraws() {
    for (long seed = 1; seed <= 10; seed++) {
      double[][] draws = TestDraws.iidNormal(TestSeeds.seed(seed), 4, 1000);
      assertEquals(4000.0, EffectiveSampleSize.tail(draws), 0.25 * 4000.0, "seed " + seed);
    }
  }

  /**
   * AR(1) with phi = 0.9 has rho_k = phi^k and integrated autocorrelation time
   * tau = (1 + phi) / (1 - phi) = 19, so ESS / N = (1 - phi) / (1 + phi) = 1/19 = 0.0526.
   *
   * <p>Tolerance: by Sokal's (1997) approximation, a truncated sum of autocorrelations up to
   * lag K has var(tau_hat) / tau^2 = 2 (2K + 1) / N. Geyer's sequence stops where phi^k sinks
   * into the noise, K ~ 50 to 60 lags, so with N = 4 x 20000 = 80000 the relative standard
   * deviation is about sqrt(2 * 111 / 80000) = 5.3% (K = 55). The biases are much smaller: the
   * biased autocovariances lose a factor (1 - k / n) ~ 0.5% at k ~ 50, n = 10000, and the
   * chains start in the stationary distribution. Measured over 100 other seeds: truncation lags
   * 40 to 100, relative error mean -0.2%, standard deviation 4.5%, range -14.7% to +10.2%. A
   * 20% relative band (over 4 standard deviations) is therefore safe, yet fails for a mistake
   * such as dropping the factor 2 in tau (ESS off by ~2x) or ignoring the autocorrelation.
   */
  @Test
  void ar1EssMatchesTheory() {
    double phi = 0.9;
    double expectedRatio = (1.0 - phi) / (1.0 + phi);
    for (long seed = 1; seed <= 3; seed++) {
      double[][] draws = TestDraws.ar1(TestSeeds.seed(seed), 4, 20000, phi);
      double n = TestDraws.size(draws);
      assertEquals(
          expectedRatio, EffectiveSampleSize.basic(draws) / n, 0.20 * expectedRatio, "basic");
      // The rank normalisation of a Gaussian process is almost the identity, so bulk ESS
      // estimates the same quantity.
      assertEquals(
          expectedRatio, EffectiveSampleSize.bulk(draws) / n, 0.20 * expectedRatio, "bulk");
    }
  }

  /**
   * Antithetic AR(1), phi = -0.5: tau = (1 + phi) / (1 - phi) = 1/3, so ESS = 3N is larger
   * than the number of draws. Pair sums are positive, so Geyer's truncation keeps several lags;
   * at 4 x 5000 draws the relative error had standard deviation 4.6% over 200 seeds, and seed offset
   * 7 reached 21%; at 4 x 20000 the spread halves, so 20% is about 8 standard deviations.
   */
  @Test
  void antitheticChainsHaveEssAboveTheNumberOfDraws() {
    double[][] draws = TestDraws.ar1(TestSeeds.seed(21L), 4, 20000, -0.5);
    double n = TestDraws.size(draws);
    assertEquals(3.0, EffectiveSampleSize.basic(draws) / n, 0.20 * 3.0);
    // The cap ESS <= N log10(N) is not reached.
    assertTrue(EffectiveSampleSize.basic(draws) < n * Math.log10(n));
  }

  /** As posterior returns NA, ESS is NaN for constant draws. */
  @Test
  void constantDrawsGiveNaN() {
    double[][] draws = new double[3][50];
    for (double[] chain : draws) {
      java.util.Arrays.fill(chain, -1.25);
    }
    assertTrue(Double.isNaN(EffectiveSampleSize.bulk(draws)));
    assertTrue(Double.isNaN(EffectiveSampleSize.tail(draws)));
    assertTrue(Double.isNaN(EffectiveSampleSize.basic(draws)));
  }

  /** Split halves need three draws, as in posterior: 4 or 5 draws per chain give NaN. */
  @Test
  void veryShortChainsGiveNaNAndSixDrawsSuffice() {
    double[][] four = {{0.1, 0.5, -0.3, 0.2}, {0.4, -0.1, 0.0, 0.3}};
    double[][] five = {{0.1, 0.5, -0.3, 0.2, 0.7}, {0.4, -0.1, 0.0, 0.3, -0.2}};
    double[][] six = {{0.1, 0.5, -0.3, 0.2, 0.7, -0.6}, {0.4, -0.1, 0.0, 0.3, -0.2, 0.9}};
    assertTrue(Double.isNaN(EffectiveSampleSize.bulk(four)));
    assertTrue(Double.isNaN(EffectiveSampleSize.basic(five)));
    assertFalse(Double.isNaN(EffectiveSampleSize.bulk(six)));
    assertFalse(Double.isNaN(EffectiveSampleSize.basic(six)));
  }

  /** The indicator I(x <= max) is constant, so the ESS of the 100% quantile is undefined. */
  @Test
  void essOfTheMaximumIsNaN() {
    double[][] draws = TestDraws.iidNormal(TestSeeds.seed(5L), 2, 100);
    assertTrue(Double.isNaN(EffectiveSampleSize.quantile(draws, 1.0)));
    assertFalse(Double.isNaN(EffectiveSampleSize.quantile(draws, 0.5)));
  }

  /** Rank normalisation makes bulk ESS invariant under monotone transformations. */
  @Test
  void bulkEssIsInvariantUnderMonotoneTransformations() {
    double[][] draws = TestDraws.ar1(TestSeeds.seed(6L), 4, 500, 0.5);
    double[][] transformed = new double[4][500];
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < 500; i++) {
        transformed[c][i] = Math.exp(2.0 * draws[c][i]) + 10.0;
      }
    }
    assertEquals(EffectiveSampleSize.bulk(draws), EffectiveSampleSize.bulk(transformed), 1e-9);
    assertEquals(EffectiveSampleSize.tail(draws), EffectiveSampleSize.tail(transformed), 1e-9);
  }
}
