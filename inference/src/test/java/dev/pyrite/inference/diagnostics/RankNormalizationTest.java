package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankNormalizationTest {

  @Test
  void averageRanksWithTiesAsR() {
    // R: rank(c(10, 20, 10, 30, 20, 20), ties.method = "average") = 1.5 4 1.5 6 4 4
    double[] ranks = RankNormalization.averageRanks(new double[] {10, 20, 10, 30, 20, 20});
    assertArrayEquals(new double[] {1.5, 4, 1.5, 6, 4, 4}, ranks, 0.0);
  }

  @Test
  void signedZerosTie() {
    double[] ranks = RankNormalization.averageRanks(new double[] {0.0, -0.0, 1.0, -1.0});
    assertArrayEquals(new double[] {2.5, 2.5, 4, 1}, ranks, 0.0);
  }

  @Test
  void zScaleUsesBlomOffset() {
    // S = 4 values with ranks 1..4: z = qnorm((r - 3/8) / (4 + 1/4)).
    double[][] z = RankNormalization.zScale(new double[][] {{7.0, -2.0}, {100.0, 3.0}});
    double s = 4.25;
    assertEquals(NormalQuantile.inverseCdf((3 - 0.375) / s), z[0][0], 0.0);
    assertEquals(NormalQuantile.inverseCdf((1 - 0.375) / s), z[0][1], 0.0);
    assertEquals(NormalQuantile.inverseCdf((4 - 0.375) / s), z[1][0], 0.0);
    assertEquals(NormalQuantile.inverseCdf((2 - 0.375) / s), z[1][1], 0.0);
    // Symmetric ranks give symmetric scores.
    assertEquals(-z[0][1], z[1][0], 1e-15);
  }
}
