package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nested R-hat against the paper's formula (Margossian et al. 2023, equations 15 to 18) computed here by
 * hand from sums of squares over a {@code [K][M][N]} array (R's {@code posterior} here is 1.4.0, which has
 * no {@code rhat_nested}; its later versions compute the same formula), and against a case small enough to
 * work on paper.
 */
class NestedRhatTest {

  @Test
  void workedByHand() {
    // K = 2 superchains of one chain, N = 2: chain means 1 and 5, chain variances 2 and 2.
    // B_nu = var(1, 5) = 8, W_nu = mean(0 + 2, 0 + 2) = 2, nR-hat = sqrt(1 + 8 / 2) = sqrt(5).
    assertEquals(Math.sqrt(5), NestedRhat.of(new double[][] {{0, 2}, {4, 6}}, 2), 1e-15);
    // K = 2 of M = 2 chains, N = 1: W~_k = 0, B~_k = var of the two values.
    // superchain means 1 and 4; B_nu = 4.5; B~ = var(0, 2) = 2 and var(3, 5) = 2; nR-hat = sqrt(1 + 4.5 / 2)
    assertEquals(Math.sqrt(3.25), NestedRhat.of(new double[][] {{0}, {2}, {3}, {5}}, 2), 1e-15);
  }

  @Test
  void matchesThePapersFormula() {
    Random random = new Random(11);
    int k = 4;
    int m = 3;
    int n = 7;
    double[][] draws = new double[k * m][n];
    for (int c = 0; c < k * m; c++) {
      double offset = 0.3 * (c / m) + 0.1 * random.nextGaussian();
      for (int i = 0; i < n; i++) {
        draws[c][i] = offset + random.nextGaussian();
      }
    }
    assertEquals(byHand(draws, k, m, n), NestedRhat.of(draws, k), 1e-12);
    assertEquals(byHand(draws, 2, 6, n), NestedRhat.of(draws, 2), 1e-12);
    assertEquals(byHand(draws, 12, 1, n), NestedRhat.of(draws, 12), 1e-12);
  }

  @Test
  @org.junit.jupiter.api.Tag(dev.pyrite.tensor.TestSeeds.TAG)
  void nearOneForManyShortChainsFromOneDistribution() {
    // 64 superchains of 8 chains of 100 iid N(0, 1) draws: (K - 1) M N B_nu ~ chi^2(63) and W_nu ~ 1, so
    // nR-hat^2 - 1 is about 1 / (M N) = 0.00125 with a 4-sigma bound 0.00125 (1 + 4 sqrt(2 / 63)) < 0.0022.
    Random random = new Random(dev.pyrite.tensor.TestSeeds.seed(5));
    double[][] draws = new double[512][100];
    for (double[] chain : draws) {
      for (int i = 0; i < chain.length; i++) {
        chain[i] = random.nextGaussian();
      }
    }
    double nrhat = NestedRhat.of(draws, 64);
    assertTrue(nrhat >= 1 && nrhat * nrhat - 1 < 0.0022, "nested R-hat " + nrhat);
  }

  @Test
  void summaryAddsTheColumnOnlyWithSuperchains() {
    double[][] draws = {{0, 1, 2, 3}, {1, 2, 3, 5}, {2, 2, 4, 1}, {0, 3, 1, 1}};
    Map<String, double[][]> byName = new LinkedHashMap<>();
    byName.put("x", draws);
    SummaryTable plain = SummaryTable.summarize(byName);
    assertTrue(Double.isNaN(plain.rows().get(0).rhatNested()));
    assertTrue(plain.toCsv().startsWith(String.join(",", SummaryTable.COLUMNS) + "\n"));
    SummaryTable nested = SummaryTable.summarize(byName, 2);
    assertEquals(NestedRhat.of(draws, 2), nested.rows().get(0).rhatNested(), 0);
    assertTrue(nested.toCsv().startsWith(String.join(",", SummaryTable.COLUMNS) + ",rhat_nested\n"));
    assertTrue(nested.toCsv().trim().endsWith("," + NestedRhat.of(draws, 2)));
    assertTrue(nested.toText().split("\n")[0].endsWith("rhat_nested"));
  }

  @Test
  void rejectsAGroupingThatDoesNotDivideTheChains() {
    double[][] draws = {{0, 1}, {1, 2}, {2, 3}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NestedRhat.of(draws, 2));
    assertTrue(e.getMessage().contains("divide the 3 chains, got 2"), e.getMessage());
    assertTrue(Double.isNaN(NestedRhat.of(new double[][] {{1, 1}, {1, 1}}, 2)));
  }

  /** Equations 15 to 18 with explicit sums over superchain k, chain m and draw n. */
  private static double byHand(double[][] draws, int k, int m, int n) {
    double[][] chainMean = new double[k][m];
    double[] superMean = new double[k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < m; b++) {
        for (int i = 0; i < n; i++) {
          chainMean[a][b] += draws[a * m + b][i] / n;
          superMean[a] += draws[a * m + b][i] / (n * m);
        }
      }
    }
    double overall = 0;
    for (double v : superMean) {
      overall += v / k;
    }
    double bNu = 0;
    for (double v : superMean) {
      bNu += (v - overall) * (v - overall) / (k - 1);
    }
    double wNu = 0;
    for (int a = 0; a < k; a++) {
      double bTilde = 0;
      double wTilde = 0;
      for (int b = 0; b < m; b++) {
        if (m > 1) {
          bTilde += (chainMean[a][b] - superMean[a]) * (chainMean[a][b] - superMean[a]) / (m - 1);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += (draws[a * m + b][i] - chainMean[a][b]) * (draws[a * m + b][i] - chainMean[a][b]);
        }
        wTilde += s / (n - 1) / m;
      }
      wNu += (bTilde + wTilde) / k;
    }
    return Math.sqrt(1 + bNu / wNu);
  }
}
