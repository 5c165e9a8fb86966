package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantilesTest {

  // Sorted: 1 1 2 3 4 5 6 9 (n = 8). Type 7: h = (n - 1) p = 7p, interpolate between the
  // order statistics x[floor(h)] and x[floor(h) + 1] (0-based). All expected values below are
  // worked out by hand; the interpolations are exact in binary up to one rounding, hence 1e-15.
  private static final double[] VALUES = {3, 1, 4, 1, 5, 9, 2, 6};

  @Test
  void handComputedType7Quantiles() {
    assertEquals(1.0, Quantiles.type7(VALUES, 0.0), 0.0); // minimum
    assertEquals(1.0, Quantiles.type7(VALUES, 0.05), 1e-15); // h = 0.35: 1 + 0.35 (1 - 1)
    assertEquals(1.75, Quantiles.type7(VALUES, 0.25), 1e-15); // h = 1.75: 1 + 0.75 (2 - 1)
    assertEquals(3.5, Quantiles.type7(VALUES, 0.5), 1e-15); // h = 3.5: 3 + 0.5 (4 - 3)
    assertEquals(5.25, Quantiles.type7(VALUES, 0.75), 1e-15); // h = 5.25: 5 + 0.25 (6 - 5)
    assertEquals(7.95, Quantiles.type7(VALUES, 0.95), 1e-14); // h = 6.65: 6 + 0.65 (9 - 6)
    assertEquals(9.0, Quantiles.type7(VALUES, 1.0), 0.0); // maximum
  }

  @Test
  void doesNotModifyItsInput() {
    double[] copy = VALUES.clone();
    Quantiles.type7(VALUES, 0.3);
    assertArrayEquals(copy, VALUES, 0.0);
  }

  @Test
  void singleValueAndOddLength() {
    assertEquals(42.0, Quantiles.type7(new double[] {42.0}, 0.37), 0.0);
    // 10 20 30 40 50: h = 4p; p = 0.1 -> 10 + 0.4 * 10 = 14; p = 0.5 -> exactly the middle.
    double[] five = {50, 10, 40, 20, 30};
    assertEquals(14.0, Quantiles.type7(five, 0.1), 1e-13);
    assertEquals(30.0, Quantiles.type7(five, 0.5), 0.0);
  }

  @Test
  void poolsAllChains() {
    // Same eight values spread over two chains of four.
    double[][] draws = {{3, 1, 4, 1}, {5, 9, 2, 6}};
    assertEquals(3.5, Quantiles.type7(draws, 0.5), 1e-15);
    assertEquals(7.95, Quantiles.type7(draws, 0.95), 1e-14);
  }

  @Test
  void tiedNeighboursGiveTheTiedValueExactly() {
    double[] values = {0.1, 0.1, 0.1, 0.1};
    assertEquals(0.1, Quantiles.type7(values, 0.37), 0.0);
  }
}
