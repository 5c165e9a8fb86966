package dev.pyrite.inference.diagnostics;

import java.util.Arrays;

/**
 * Rank normalisation, Vehtari et al. (2021), equation (14): every draw is replaced by its rank
 * {@code r} among all {@code S} draws of all chains pooled (ties get their average rank), and
 * the rank by the normal score {@code Phi^-1((r - 3/8) / (S - 2 * 3/8 + 1))}, i.e. Blom's (1958)
 * fractional offset {@code c = 3/8}, giving {@code (r - 3/8) / (S + 1/4)}. This is
 * {@code posterior}'s {@code z_scale()}.
 */
final class RankNormalization {

  /** Blom's fractional offset. */
  private static final double OFFSET = 3.0 / 8.0;

  private RankNormalization() {}

  /** Returns the rank-normalised values of {@code draws} (finite, rectangular) in the same shape. */
  static double[][] zScale(double[][] draws) {
    double[] pooled = Draws.pool(draws);
    double[] ranks = averageRanks(pooled);
    double denominator = pooled.length - 2.0 * OFFSET + 1.0;
    double[] z = new double[pooled.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = NormalQuantile.inverseCdf((ranks[i] - OFFSET) / denominator);
    }
    return Draws.unpool(z, draws.length);
  }

  /**
   * Ranks {@code 1..n} of finite values, ties receiving the mean of the ranks they span (R's
   * {@code rank(x, ties.method = "average")}).
   */
  static double[] averageRanks(double[] values) {
    int n = values.length;
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      // Adding +0.0 turns -0.0 into +0.0, so that the two zeros tie as they compare equal.
      sorted[i] = values[i] + 0.0;
    }
    Arrays.sort(sorted);
    double[] ranks = new double[n];
    for (int i = 0; i < n; i++) {
      double v = values[i] + 0.0;
      // The tied block of v occupies sorted[first..last]; its ranks (1-based) are first+1 .. last+1.
      int first = firstIndexOf(sorted, v);
      int last = firstIndexAbove(sorted, v) - 1;
      ranks[i] = 0.5 * (first + last) + 1.0;
    }
    return ranks;
  }

  /** Smallest index {@code i} with {@code sorted[i] >= v}. */
  private static int firstIndexOf(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Smallest index {@code i} with {@code sorted[i] > v}. */
  private static int firstIndexAbove(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
