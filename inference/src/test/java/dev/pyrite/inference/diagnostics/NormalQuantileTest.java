package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class NormalQuantileTest {

  /**
   * Reference quantiles of the exact double {@code p}, computed with 60-digit arithmetic by
   * {@code src/test/resources/diagnostics/normal_quantile_reference.py} (mpmath: Newton's method on
   * {@code log Phi}, started from {@code sqrt(2) erfinv(2p - 1)}), which writes the CSV read here; the
   * points bracket AS 241's central and tail regions (|p - 0.5| = 0.425, r = 5). They agree with R's
   * {@code qnorm}, e.g. {@code qnorm(0.975) = 1.959963984540054}. AS 241 is accurate to about 1e-16
   * relative, so 1e-12 (the required accuracy) scaled by {@code max(1, |z|)} leaves a wide margin while
   * still catching any wrong coefficient, which would cause errors of 1e-9 or more.
   */
  @ParameterizedTest
  @CsvFileSource(resources = "/diagnostics/normal_quantile_reference.csv", numLinesToSkip = 1)
  void matchesHighPrecisionReference(double p, double expected) {
    assertEquals(expected, NormalQuantile.inverseCdf(p), 1e-12 * Math.max(1.0, Math.abs(expected)));
  }

  @Test
  void qnormOf0975AsInR() {
    assertEquals(1.959963984540054, NormalQuantile.inverseCdf(0.975), 1e-12);
  }

  @Test
  void endpointsAreInfinite() {
    assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.inverseCdf(0.0));
    assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.inverseCdf(1.0));
  }

  @Test
  void isAntisymmetricAroundOneHalf() {
    // p and 1 - p are both exact for these dyadic p, so the results must be exact negatives
    // up to the rounding of the tail branch (a few ulps).
    for (double p : new double[] {0.0625, 0.125, 0.25, 0.375, 0.4375, 0.03125}) {
      assertEquals(-NormalQuantile.inverseCdf(p), NormalQuantile.inverseCdf(1.0 - p), 1e-15);
    }
  }

  @Test
  void rejectsInvalidProbabilities() {
    for (double p : new double[] {-1e-300, 1.0000000000000002, Double.NaN, -1.0, 2.0}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NormalQuantile.inverseCdf(p));
      assertEquals("probability must be in [0, 1], got " + p, e.getMessage());
    }
  }
}
