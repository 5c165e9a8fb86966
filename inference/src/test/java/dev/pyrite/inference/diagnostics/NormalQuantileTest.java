package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalQuantileTest {

  /**
   * Reference quantiles of the exact double {@code p}, computed with 60-digit arithmetic
   * (mpmath: {@code sqrt(2) * erfinv(2p - 1)}, and root finding on {@code log ncdf} for the far
   * tail); they agree with R's {@code qnorm}, e.g. {@code qnorm(0.975) = 1.959963984540054}.
   * AS 241 is accurate to about 1e-16 relative, so 1e-12 (the required accuracy) scaled by
   * {@code max(1, |z|)} leaves a wide margin while still catching any wrong coefficient, which
   * would cause errors of 1e-9 or more.
   */
  @ParameterizedTest
  @CsvSource({
    "0.975, 1.9599639845400538556",
    "0.025, -1.9599639845400542118",
    "0.5, 0.0",
    "0.75, 0.6744897501960817432",
    "0.95, 1.6448536269514722843",
    "0.99, 2.3263478740408407676",
    "0.999, 3.0902323061678132778",
    // Either side of the boundary |p - 0.5| = 0.425 between the central and tail regions.
    "0.925, 1.4395314709384562291",
    "0.075, -1.4395314709384559349",
    "0.9251, 1.4402382675279638594",
    "0.3, -0.52440051270804081597",
    "1e-05, -4.2648907939228246102",
    "1e-10, -6.3613409024040561991",
    // Far tail, r = sqrt(-log p) > 5.
    "1e-20, -9.2623400897984075796",
    "1e-300, -37.047096299361199237",
    "4.9e-324, -38.467405617144346251",
    "0.8413447460685429, 0.99999999999999990574",
    "0.9999999999999999, 8.2095361516013868556"
  })
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
