package dev.pyrite.inference.diagnostics;

/**
 * Autocovariance of a single series, computed with a fast Fourier transform.
 *
 * <p>The estimate at lag {@code k} is the "biased" one recommended by Geyer (1992), "Practical
 * Markov chain Monte Carlo", <i>Statistical Science</i> 7(4), 473–483: it divides by the series
 * length {@code n} rather than by {@code n - k},
 *
 * <pre>  acov[k] = (1/n) * sum_{t=0}^{n-1-k} (x[t] - mean) (x[t+k] - mean),  k = 0 .. n-1.</pre>
 *
 * This is the estimator that Stan, ArviZ and the R package {@code posterior} use for effective
 * sample sizes (Vehtari et al. 2021, appendix A).
 *
 * <p>The centred series is zero-padded to a power of two of at least {@code 2n}, so the circular
 * correlation computed by the FFT equals the linear one (Wiener–Khinchin theorem).
 */
public final class Autocovariance {

  private Autocovariance() {}

  /**
   * Returns the biased autocovariances of {@code series} at lags {@code 0 .. n-1}.
   *
   * @param series the series; must be non-empty and finite
   * @return a new array of length {@code series.length}; entry 0 is the variance with divisor
   *     {@code n}
   * @throws IllegalArgumentException if {@code series} is null, empty or not finite
   */
  public static double[] of(double[] series) {
    if (series == null || series.length == 0) {
      throw new IllegalArgumentException("series must contain at least one value");
    }
    int n = series.length;
    double mean = 0.0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(series[i])) {
        throw new IllegalArgumentException(
            "series must be finite, but value " + i + " is " + series[i]);
      }
      mean += series[i];
    }
    mean /= n;

    int length = Fft.nextPowerOfTwo(2 * n);
    double[] re = new double[length];
    double[] im = new double[length];
    for (int i = 0; i < n; i++) {
      re[i] = series[i] - mean;
    }
    Fft.transform(re, im, false);
    // |X(f)|^2 is the (unnormalised) periodogram; its inverse transform is the circular
    // autocorrelation sum, which equals the linear one because of the zero padding.
    for (int i = 0; i < length; i++) {
      re[i] = re[i] * re[i] + im[i] * im[i];
      im[i] = 0.0;
    }
    Fft.transform(re, im, true);

    double[] acov = new double[n];
    for (int k = 0; k < n; k++) {
      acov[k] = re[k] / n;
    }
    return acov;
  }
}
