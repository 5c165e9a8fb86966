package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Cross-checks against an independent implementation of the same algorithms (Vehtari, Gelman,
 * Simpson, Carpenter and Burkner 2021): the reference numbers come from a NumPy/SciPy
 * implementation of the formulas run on the same draws, which {@link TestDraws#arUniform} and
 * {@link TestDraws#discrete} generate bit for bit reproducibly (SplitMix64 and exactly rounded
 * arithmetic only). {@code src/test/resources/diagnostics/diagnostics_reference.py} regenerates the
 * bulk and basic R-hat and ESS of case A from scratch (they agree to 1e-14).
 *
 * <p>Both sides evaluate the same formulas in double precision, differing only in summation
 * order, FFT algorithm and normal-quantile approximation (each accurate to ~1e-15 relative),
 * so agreement to 1e-9 relative is expected; it would miss none of the algorithmic details
 * (split, offsets, truncation rules) that change results at the 1e-3 level or more.
 */
class ReferenceValuesTest {

  private static final double RELATIVE = 1e-9;

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.abs(expected), what);
  }

  /** 4 chains x 203 draws (odd: the middle draw is dropped when splitting), chains shifted. */
  @Test
  void caseA_fourChainsOddLength() {
    double[][] x = TestDraws.arUniform(42L, 4, 203, 0.6, 0.05);
    // Confirms the generator reproduces the draws used for the references.
    assertEquals(0.2415648787718233, x[0][0], 0.0);
    assertEquals(0.3186886978989659, x[3][202], 0.0);

    SplitRhat rhat = SplitRhat.of(x);
    assertClose(1.0197192812115314, rhat.value(), "rhat");
    assertClose(1.0197192812115314, rhat.bulk(), "rhat bulk");
    assertClose(1.0048053367990912, rhat.tail(), "rhat tail");
    assertClose(1.0203258556133643, SplitRhat.basic(x), "rhat basic");
    assertClose(232.66903602907277, EffectiveSampleSize.bulk(x), "ess_bulk");
    assertClose(418.37332646812797, EffectiveSampleSize.tail(x), "ess_tail");
    assertClose(461.080167276742, EffectiveSampleSize.quantile(x, 0.05), "ess q05");
    assertClose(231.95547675256424, EffectiveSampleSize.basic(x), "ess_basic");
    assertClose(0.024444276927526945, McseMean.of(x), "mcse_mean");

    SummaryRow row = Summary.of("a", x);
    assertClose(0.051718365095221354, row.mean(), "mean");
    assertClose(0.3722884054551627, row.sd(), "sd");
    assertClose(-0.5191107042902284, row.q5(), "q5");
    assertClose(0.05808319439536411, row.q50(), "q50");
    assertClose(0.6708473505966989, row.q95(), "q95");
  }

  /** A single chain of 64 draws. */
  @Test
  void caseB_singleChain() {
    double[][] x = TestDraws.arUniform(7L, 1, 64, 0.3, 0.0);
    assertEquals(-0.11017025160872851, x[0][0], 0.0);

    SplitRhat rhat = SplitRhat.of(x);
    assertClose(1.0207022322751003, rhat.bulk(), "rhat bulk");
    assertClose(1.0340745263443007, rhat.tail(), "rhat tail");
    assertClose(1.0207093277353336, SplitRhat.basic(x), "rhat basic");
    assertClose(38.44185996742419, EffectiveSampleSize.bulk(x), "ess_bulk");
    assertClose(28.02383579783713, EffectiveSampleSize.tail(x), "ess_tail");
    assertClose(38.28551886518257, EffectiveSampleSize.basic(x), "ess_basic");
    assertClose(0.04948459779476619, McseMean.of(x), "mcse_mean");
  }

  /** Discrete draws with many ties (average ranks). */
  @Test
  void caseC_tiedDiscreteDraws() {
    double[][] x = TestDraws.discrete(2024L, 3, 100);
    assertEquals(3.0, x[0][0], 0.0);
    assertEquals(4.0, x[2][99], 0.0);

    assertClose(1.0133791272578043, SplitRhat.rhat(x), "rhat");
    assertClose(0.993785010265627, SplitRhat.basic(x), "rhat basic");
    assertClose(303.5338837217687, EffectiveSampleSize.bulk(x), "ess_bulk");
    assertClose(296.1874888071119, EffectiveSampleSize.basic(x), "ess_basic");
    assertClose(0.08399710235232025, McseMean.of(x), "mcse_mean");
    assertClose(304.4252443954163, EffectiveSampleSize.quantile(x, 0.05), "ess q05");
    assertClose(284.6387960292415, EffectiveSampleSize.quantile(x, 0.5), "ess q50");
    // The 95% quantile is the maximum, 4, so I(x <= q95) is constant. ArviZ then reports the
    // number of draws (300) for that quantile; posterior, which this library follows, reports
    // NA, and so the tail ESS (a minimum including it) is NaN.
    assertTrue(Double.isNaN(EffectiveSampleSize.quantile(x, 0.95)));
    assertTrue(Double.isNaN(EffectiveSampleSize.tail(x)));
  }
}
