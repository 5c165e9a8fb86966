package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(TestSeeds.TAG)
class McseMeanTest {

  @Test
  void isTheSdOverTheSquareRootOfTheBasicEss() {
    double[][] draws = TestDraws.ar1(TestSeeds.seed(3L), 4, 800, 0.6);
    double[] pooled = Draws.pool(draws);
    double expected =
        Math.sqrt(Draws.sampleVariance(pooled)) / Math.sqrt(EffectiveSampleSize.basic(draws));
    assertEquals(expected, McseMean.of(draws), 1e-15);
  }

  /**
   * iid N(0, 1), N = 4000: MCSE = 1 / sqrt(4000). It is sd / sqrt(ESS), so its relative error
   * is about half that of the ESS (see EffectiveSampleSizeTest). Measured over 200 other seeds:
   * standard deviation 2.5%, worst +10.4%; a 15% band is used.
   */
  @Test
  void iidNormal() {
    double[][] draws = TestDraws.iidNormal(TestSeeds.seed(8L), 4, 1000);
    assertEquals(1.0 / Math.sqrt(4000.0), McseMean.of(draws), 0.15 / Math.sqrt(4000.0));
  }

  /**
   * AR(1), phi = 0.9, unit innovations: the stationary variance is 1 / (1 - phi^2) and the
   * variance of the mean is that times tau / N with tau = (1 + phi) / (1 - phi). MCSE is
   * proportional to 1 / sqrt(ESS), so the 20% ESS tolerance of EffectiveSampleSizeTest becomes
   * about 10% here (plus a negligible error in the sample sd); 12% is used. Measured over 100
   * other seeds: standard deviation 2.6%, worst +9%.
   */
  @Test
  void ar1MatchesTheory() {
    double phi = 0.9;
    double[][] draws = TestDraws.ar1(TestSeeds.seed(9L), 4, 20000, phi);
    double n = TestDraws.size(draws);
    double expected = Math.sqrt(1.0 / (1.0 - phi * phi) * (1.0 + phi) / (1.0 - phi) / n);
    assertEquals(expected, McseMean.of(draws), 0.12 * expected);
  }

  @Test
  void constantDrawsGiveNaN() {
    assertTrue(Double.isNaN(McseMean.of(new double[][] {{1, 1, 1, 1, 1, 1, 1, 1}})));
  }
}
