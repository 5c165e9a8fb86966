package dev.pyrite.inference.diagnostics;

import java.util.Arrays;

/**
 * Sample quantiles with R's default definition, {@code quantile(x, p, type = 7)} (Hyndman and Fan
 * 1996, "Sample quantiles in statistical packages", <i>The American Statistician</i> 50(4),
 * 361–365, definition 7), which is also NumPy's default "linear" method.
 *
 * <p>For sorted values {@code x[0] <= ... <= x[n-1]} and {@code h = (n - 1) p}, the quantile is
 * {@code (1 - g) x[floor(h)] + g x[floor(h) + 1]} with {@code g = h - floor(h)}.
 */
public final class Quantiles {

  private Quantiles() {}

  /**
   * Returns the type-7 {@code p}-quantile of {@code values}; the array is not modified.
   *
   * @param values the sample; must be non-empty and contain no NaN
   * @param p a probability in {@code [0, 1]}
   * @return the quantile
   * @throws IllegalArgumentException if {@code values} is null, empty or contains NaN, or if
   *     {@code p} is not in {@code [0, 1]}
   */
  public static double type7(double[] values, double p) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("values must contain at least one value");
    }
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("values must not contain NaN (index " + i + ")");
      }
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return type7Sorted(sorted, p);
  }

  /**
   * Returns the type-7 {@code p}-quantile of all draws of all chains pooled together, as
   * {@code posterior}'s {@code quantile2()} does.
   *
   * @param draws draws indexed {@code [chain][draw]}, validated as described in the package
   *     documentation
   * @param p a probability in {@code [0, 1]}
   * @return the quantile
   * @throws IllegalArgumentException if the draws are invalid or {@code p} is not in
   *     {@code [0, 1]}
   */
  public static double type7(double[][] draws, double p) {
    Draws.validate(draws);
    double[] sorted = Draws.pool(draws);
    Arrays.sort(sorted);
    return type7Sorted(sorted, p);
  }

  /**
   * Type-7 quantile of an already ascending-sorted, non-empty array (not checked).
   *
   * @throws IllegalArgumentException if {@code p} is not in {@code [0, 1]}
   */
  static double type7Sorted(double[] sorted, double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    double g = h - lo;
    double low = sorted[lo];
    // Like R, interpolate only when strictly between two different order statistics; this
    // keeps the result exact (and avoids Infinity - Infinity) when they coincide.
    if (g > 0.0 && lo + 1 < sorted.length && sorted[lo + 1] != low) {
      return (1.0 - g) * low + g * sorted[lo + 1];
    }
    return low;
  }
}
