package dev.pyrite.inference.diagnostics;

/**
 * A small in-place iterative radix-2 Cooley–Tukey fast Fourier transform on split real and
 * imaginary arrays, used to compute autocovariances in {@code O(n log n)}.
 *
 * <p>Conventions: the forward transform is {@code X[k] = sum_j x[j] exp(-2 pi i j k / L)}; the
 * inverse uses {@code exp(+2 pi i j k / L)} and divides by {@code L}, so that
 * {@code inverse(forward(x)) == x} up to rounding.
 */
final class Fft {

  private Fft() {}

  /** Returns the smallest power of two that is at least {@code n} (and at least 1). */
  static int nextPowerOfTwo(int n) {
    if (n > (1 << 30)) {
      throw new IllegalArgumentException("FFT length too large: " + n);
    }
    int length = 1;
    while (length < n) {
      length <<= 1;
    }
    return length;
  }

  /**
   * Transforms {@code (re, im)} in place.
   *
   * @param re real parts; its length must be a power of two
   * @param im imaginary parts, same length as {@code re}
   * @param inverse {@code false} for the forward transform, {@code true} for the normalised
   *     inverse
   */
  static void transform(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    if (im.length != n) {
      throw new IllegalArgumentException(
          "real and imaginary parts differ in length: " + n + " vs " + im.length);
    }
    if (n == 0 || (n & (n - 1)) != 0) {
      throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
    }
    bitReversePermute(re, im);

    // Twiddle factors w^k = exp(sign 2 pi i k / n) for k < n/2, each computed directly from
    // cos/sin rather than by repeated multiplication, which keeps the rounding error at
    // O(eps log n) instead of growing with n.
    int half = n / 2;
    double[] cos = new double[half];
    double[] sin = new double[half];
    double sign = inverse ? 1.0 : -1.0;
    for (int k = 0; k < half; k++) {
      double angle = 2.0 * Math.PI * k / n;
      cos[k] = Math.cos(angle);
      sin[k] = sign * Math.sin(angle);
    }

    // Butterflies: for each block size, combine pairs of half-size transforms.
    for (int size = 2; size <= n; size <<= 1) {
      int halfSize = size / 2;
      int stride = n / size;
      for (int start = 0; start < n; start += size) {
        for (int j = 0; j < halfSize; j++) {
          double wr = cos[j * stride];
          double wi = sin[j * stride];
          int a = start + j;
          int b = a + halfSize;
          double tr = wr * re[b] - wi * im[b];
          double ti = wr * im[b] + wi * re[b];
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }

    if (inverse) {
      double scale = 1.0 / n;
      for (int i = 0; i < n; i++) {
        re[i] *= scale;
        im[i] *= scale;
      }
    }
  }

  /** Reorders the entries into bit-reversed index order, the input order of the butterflies. */
  private static void bitReversePermute(double[] re, double[] im) {
    int n = re.length;
    int j = 0;
    for (int i = 1; i < n; i++) {
      int bit = n >> 1;
      while ((j & bit) != 0) {
        j ^= bit;
        bit >>= 1;
      }
      j |= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
  }
}
