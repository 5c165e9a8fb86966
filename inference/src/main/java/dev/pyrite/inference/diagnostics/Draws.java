package dev.pyrite.inference.diagnostics;

/**
 * Validation and reshaping of draws indexed {@code [chain][draw]}, shared by the diagnostics.
 * All methods return new arrays and never modify their input.
 */
final class Draws {

  /** The fewest draws per chain accepted: each split half then has at least two draws. */
  static final int MIN_DRAWS_PER_CHAIN = 4;

  /**
   * Values whose range is below this are treated as constant, as {@code posterior}'s
   * {@code is_constant()} does with its default tolerance {@code .Machine$double.eps}.
   */
  static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

  private Draws() {}

  /**
   * Checks that {@code draws} is a non-empty rectangular array of finite values with at least
   * {@link #MIN_DRAWS_PER_CHAIN} draws per chain.
   *
   * @throws IllegalArgumentException describing the first problem found
   */
  static void validate(double[][] draws) {
    if (draws == null) {
      throw new IllegalArgumentException("draws must not be null");
    }
    if (draws.length == 0) {
      throw new IllegalArgumentException("draws must contain at least one chain");
    }
    for (int c = 0; c < draws.length; c++) {
      if (draws[c] == null) {
        throw new IllegalArgumentException("chain " + c + " is null");
      }
    }
    int n = draws[0].length;
    for (int c = 1; c < draws.length; c++) {
      if (draws[c].length != n) {
        throw new IllegalArgumentException(
            "all chains must have the same number of draws, but chain 0 has "
                + n
                + " and chain "
                + c
                + " has "
                + draws[c].length);
      }
    }
    if (n < MIN_DRAWS_PER_CHAIN) {
      throw new IllegalArgumentException(
          "each chain needs at least " + MIN_DRAWS_PER_CHAIN + " draws, but has " + n);
    }
    for (int c = 0; c < draws.length; c++) {
      for (int i = 0; i < n; i++) {
        double v = draws[c][i];
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException("draw " + i + " of chain " + c + " is NaN");
        }
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "draws must be finite, but draw " + i + " of chain " + c + " is " + v);
        }
      }
    }
  }

  /**
   * Splits every chain into its first and second half, giving twice as many chains of
   * {@code floor(n / 2)} draws (Vehtari et al. 2021, section 4.1 / Gelman et al. 2013, BDA3
   * section 11.4). For odd {@code n} the middle draw is dropped, as {@code posterior} does.
   * Chain {@code c} yields split chains {@code c} (first half) and {@code m + c} (second half).
   */
  static double[][] split(double[][] draws) {
    int m = draws.length;
    int n = draws[0].length;
    int half = n / 2;
    double[][] split = new double[2 * m][half];
    for (int c = 0; c < m; c++) {
      System.arraycopy(draws[c], 0, split[c], 0, half);
      System.arraycopy(draws[c], n - half, split[m + c], 0, half);
    }
    return split;
  }

  /** All draws of all chains in one array, chain after chain. */
  static double[] pool(double[][] draws) {
    int n = draws[0].length;
    double[] pooled = new double[draws.length * n];
    for (int c = 0; c < draws.length; c++) {
      System.arraycopy(draws[c], 0, pooled, c * n, n);
    }
    return pooled;
  }

  /** Reshapes a pooled array (chain after chain) back into {@code m} chains. */
  static double[][] unpool(double[] pooled, int m) {
    int n = pooled.length / m;
    double[][] draws = new double[m][n];
    for (int c = 0; c < m; c++) {
      System.arraycopy(pooled, c * n, draws[c], 0, n);
    }
    return draws;
  }

  /** Whether the range of all values is below {@link #CONSTANT_TOLERANCE}. */
  static boolean isConstant(double[][] draws) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] chain : draws) {
      for (double v : chain) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return Math.abs(max - min) < CONSTANT_TOLERANCE;
  }

  /** Arithmetic mean. */
  static double mean(double[] values) {
    double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Sample variance with divisor {@code n - 1} (two-pass); needs at least two values. */
  static double sampleVariance(double[] values) {
    double mean = mean(values);
    double sum = 0.0;
    for (double v : values) {
      double d = v - mean;
      sum += d * d;
    }
    return sum / (values.length - 1);
  }
}
