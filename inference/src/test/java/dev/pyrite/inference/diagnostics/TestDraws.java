package dev.pyrite.inference.diagnostics;

import java.util.SplittableRandom;

/** Deterministic draw generators shared by the diagnostics tests. */
final class TestDraws {

  private TestDraws() {}

  /** Independent standard normal draws from a fixed seed. */
  static double[][] iidNormal(long seed, int chains, int draws) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[chains][draws];
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < draws; i++) {
        x[c][i] = random.nextGaussian();
      }
    }
    return x;
  }

  /**
   * Gaussian AR(1) chains {@code x_t = phi x_{t-1} + e_t}, {@code e_t ~ N(0, 1)}, each started
   * from the stationary distribution {@code N(0, 1 / (1 - phi^2))} so that there is no burn-in
   * transient.
   */
  static double[][] ar1(long seed, int chains, int draws, double phi) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[chains][draws];
    double stationarySd = 1.0 / Math.sqrt(1.0 - phi * phi);
    for (int c = 0; c < chains; c++) {
      double previous = stationarySd * random.nextGaussian();
      for (int i = 0; i < draws; i++) {
        previous = phi * previous + random.nextGaussian();
        x[c][i] = previous;
      }
    }
    return x;
  }

  /**
   * SplitMix64 (Steele, Lea and Flood 2014), written out so that the reference values in
   * {@link ReferenceValuesTest} can be regenerated bit for bit in another language: it uses
   * only 64-bit integer arithmetic and an exact conversion to a double in [0, 1).
   */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    double nextUniform() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }
  }

  /**
   * AR(1) chains with uniform innovations, {@code x_t = phi x_{t-1} + (u_t - 1/2)} from
   * {@code x = 0}, plus {@code shift * c} on chain {@code c}. Only exactly rounded IEEE
   * operations are used, so any language reproduces the same doubles.
   */
  static double[][] arUniform(long seed, int chains, int draws, double phi, double shift) {
    SplitMix64 random = new SplitMix64(seed);
    double[][] x = new double[chains][draws];
    for (int c = 0; c < chains; c++) {
      double previous = 0.0;
      for (int i = 0; i < draws; i++) {
        previous = phi * previous + (random.nextUniform() - 0.5);
        x[c][i] = previous + shift * c;
      }
    }
    return x;
  }

  /** Draws uniform on {0, 1, 2, 3, 4}: many ties. */
  static double[][] discrete(long seed, int chains, int draws) {
    SplitMix64 random = new SplitMix64(seed);
    double[][] x = new double[chains][draws];
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < draws; i++) {
        x[c][i] = (int) (random.nextUniform() * 5.0);
      }
    }
    return x;
  }

  /** Total number of draws. */
  static int size(double[][] draws) {
    return draws.length * draws[0].length;
  }
}
