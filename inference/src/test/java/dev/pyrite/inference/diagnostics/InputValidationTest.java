package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InputValidationTest {

  /** Every public entry point that takes draws. */
  private static final List<Consumer<double[][]>> ENTRY_POINTS =
      List.of(
          SplitRhat::of,
          SplitRhat::rhat,
          SplitRhat::basic,
          EffectiveSampleSize::bulk,
          EffectiveSampleSize::tail,
          EffectiveSampleSize::basic,
          x -> EffectiveSampleSize.quantile(x, 0.5),
          McseMean::of,
          x -> Quantiles.type7(x, 0.5),
          x -> Summary.of("x", x));

  private static void assertRejected(double[][] draws, String message) {
    for (Consumer<double[][]> entryPoint : ENTRY_POINTS) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> entryPoint.accept(draws));
      assertEquals(message, e.getMessage());
    }
  }

  @Test
  void nullAndEmpty() {
    assertRejected(null, "draws must not be null");
    assertRejected(new double[0][], "draws must contain at least one chain");
    assertRejected(new double[][] {{1, 2, 3, 4}, null}, "chain 1 is null");
  }

  @Test
  void fewerThanFourDrawsPerChain() {
    assertRejected(new double[][] {{1, 2, 3}, {4, 5, 6}}, "each chain needs at least 4 draws, but has 3");
    assertRejected(new double[][] {{}}, "each chain needs at least 4 draws, but has 0");
  }

  @Test
  void chainsOfUnequalLength() {
    assertRejected(
        new double[][] {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5}, {1, 2, 3, 4}},
        "all chains must have the same number of draws, but chain 0 has 5 and chain 2 has 4");
  }

  @Test
  void nonFiniteDraws() {
    assertRejected(new double[][] {{1, 2, 3, 4}, {1, Double.NaN, 3, 4}}, "draw 1 of chain 1 is NaN");
    assertRejected(
        new double[][] {{1, 2, 3, Double.NEGATIVE_INFINITY}},
        "draws must be finite, but draw 3 of chain 0 is -Infinity");
  }

  @Test
  void invalidProbabilities() {
    double[][] draws = TestDraws.iidNormal(1L, 2, 10);
    assertThrows(IllegalArgumentException.class, () -> EffectiveSampleSize.quantile(draws, 1.5));
    assertThrows(IllegalArgumentException.class, () -> EffectiveSampleSize.quantile(draws, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(draws, -0.1));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[0], 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1, Double.NaN}, 0.5));
  }

  @Test
  void nullVariableName() {
    double[][] draws = TestDraws.iidNormal(1L, 2, 10);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Summary.of(null, draws));
    assertEquals("variable name must not be null", e.getMessage());
    assertThrows(
        NullPointerException.class, () -> new SummaryRow(null, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  }
}
