package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftAutocovarianceTest {

  /** Direct O(n^2) biased autocovariance, the definition the FFT version must reproduce. */
  private static double[] directAutocovariance(double[] x) {
    int n = x.length;
    double mean = 0.0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double[] acov = new double[n];
    for (int k = 0; k < n; k++) {
      double sum = 0.0;
      for (int t = 0; t + k < n; t++) {
        sum += (x[t] - mean) * (x[t + k] - mean);
      }
      acov[k] = sum / n;
    }
    return acov;
  }

  /**
   * Random series of assorted lengths (powers of two, one off either side, odd, tiny) whose
   * values have variance of order 1 plus an offset of 5 to exercise the centring. The FFT's
   * rounding error is of order eps * log2(L) * sum(x^2) / n, about 1e-14 here, so 1e-10 (the
   * required agreement) is comfortably met yet catches any indexing or scaling mistake.
   */
  @Test
  void fftAutocovarianceMatchesDirectSum() {
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int n : new int[] {1, 2, 3, 7, 64, 100, 511, 512, 513, 1000, 2049}) {
      double[] x = new double[n];
      double previous = 0.0;
      for (int i = 0; i < n; i++) {
        previous = 0.7 * previous + random.nextGaussian();
        x[i] = 5.0 + previous;
      }
      double[] expected = directAutocovariance(x);
      double[] actual = Autocovariance.of(x);
      assertEquals(n, actual.length);
      for (int k = 0; k < n; k++) {
        assertEquals(expected[k], actual[k], 1e-10, "n = " + n + ", lag " + k);
      }
    }
  }

  @Test
  void fftMatchesDirectDiscreteFourierTransformAndInverts() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int n : new int[] {1, 2, 4, 8, 16, 128}) {
      double[] re = new double[n];
      double[] im = new double[n];
      for (int i = 0; i < n; i++) {
        re[i] = random.nextDouble(-1.0, 1.0);
        im[i] = random.nextDouble(-1.0, 1.0);
      }
      double[] fre = re.clone();
      double[] fim = im.clone();
      Fft.transform(fre, fim, false);
      for (int k = 0; k < n; k++) {
        double sr = 0.0;
        double si = 0.0;
        for (int j = 0; j < n; j++) {
          double angle = -2.0 * Math.PI * j * k / n;
          sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
          si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
        }
        // Entries are sums of n terms of size <= sqrt(2): rounding is ~n * eps.
        assertEquals(sr, fre[k], 1e-12, "re, n = " + n + ", k = " + k);
        assertEquals(si, fim[k], 1e-12, "im, n = " + n + ", k = " + k);
      }
      Fft.transform(fre, fim, true);
      for (int i = 0; i < n; i++) {
        assertEquals(re[i], fre[i], 1e-14);
        assertEquals(im[i], fim[i], 1e-14);
      }
    }
  }

  @Test
  void whiteNoiseHasNoAutocorrelationAndLagZeroIsTheBiasedVariance() {
    double[] x = {1, -1, 1, -1, 1, -1};
    double[] acov = Autocovariance.of(x);
    assertEquals(1.0, acov[0], 1e-15); // mean 0, sum of squares 6, divided by n = 6
    assertEquals(-5.0 / 6.0, acov[1], 1e-15); // five products of -1
    assertEquals(4.0 / 6.0, acov[2], 1e-15);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> Autocovariance.of(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Autocovariance.of(null));
    assertThrows(
        IllegalArgumentException.class, () -> Autocovariance.of(new double[] {1.0, Double.NaN}));
    assertThrows(
        IllegalArgumentException.class, () -> Fft.transform(new double[3], new double[3], false));
    assertThrows(
        IllegalArgumentException.class, () -> Fft.transform(new double[4], new double[2], false));
  }
}
