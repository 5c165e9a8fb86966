package dev.pyrite.inference.diagnostics;

import java.util.Arrays;

/**
 * Rank-normalised split R-hat of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021),
 * "Rank-normalization, folding, and localization: An improved R-hat for assessing convergence
 * of MCMC", <i>Bayesian Analysis</i> 16(2), 667–718 — the value reported by R
 * {@code posterior::rhat()} and by Stan.
 *
 * <p>The chains are split in halves (section 4.1). The <em>bulk</em> R-hat is the classic
 * potential scale reduction factor (Gelman et al. 2013, BDA3 section 11.4) of the
 * rank-normalised split draws (section 4.2, equation 14); the <em>tail</em> R-hat is the same
 * computed on the folded draws {@code |x - median(x)|} (section 4.3), which detects chains that
 * differ in scale rather than location. The reported {@link #value()} is the larger of the two;
 * the paper recommends using draws only when it is below 1.01.
 *
 * <p>If the draws are all equal (or the folded draws are), the ratio of variances is undefined
 * and R-hat is {@link Double#NaN}, as {@code posterior} returns {@code NA}.
 *
 * <p>Instances are immutable.
 */
public final class SplitRhat {

  private final double bulk;
  private final double tail;

  private SplitRhat(double bulk, double tail) {
    this.bulk = bulk;
    this.tail = tail;
  }

  /**
   * Computes the bulk and tail R-hat of one scalar quantity.
   *
   * @param draws draws indexed {@code [chain][draw]}: at least one chain, all of the same
   *     length, at least 4 draws each, all finite
   * @return the diagnostic
   * @throws IllegalArgumentException if the draws violate these conditions
   */
  public static SplitRhat of(double[][] draws) {
    Draws.validate(draws);
    double[][] split = Draws.split(draws);
    double bulk = potentialScaleReduction(RankNormalization.zScale(split));

    // Folding (section 4.3): distance from the median of all split draws.
    double[] sorted = Draws.pool(split);
    Arrays.sort(sorted);
    double median = Quantiles.type7Sorted(sorted, 0.5);
    double[][] folded = new double[split.length][];
    for (int c = 0; c < split.length; c++) {
      folded[c] = new double[split[c].length];
      for (int i = 0; i < split[c].length; i++) {
        folded[c][i] = Math.abs(split[c][i] - median);
      }
    }
    double tail = potentialScaleReduction(RankNormalization.zScale(folded));
    return new SplitRhat(bulk, tail);
  }

  /**
   * Shorthand for {@code of(draws).value()}, the equivalent of {@code posterior::rhat()}.
   *
   * @param draws draws indexed {@code [chain][draw]}, see {@link #of(double[][])}
   * @return the rank-normalised split R-hat, or NaN for constant draws
   * @throws IllegalArgumentException if the draws are invalid
   */
  public static double rhat(double[][] draws) {
    return of(draws).value();
  }

  /**
   * The classic split R-hat without rank normalisation or folding, the equivalent of
   * {@code posterior::rhat_basic(x, split = TRUE)}. It is sensitive to heavy tails; prefer
   * {@link #rhat(double[][])}.
   *
   * @param draws draws indexed {@code [chain][draw]}, see {@link #of(double[][])}
   * @return the split R-hat, or NaN for constant draws
   * @throws IllegalArgumentException if the draws are invalid
   */
  public static double basic(double[][] draws) {
    Draws.validate(draws);
    return potentialScaleReduction(Draws.split(draws));
  }

  /**
   * R-hat of the rank-normalised split draws (section 4.2), sensitive to differences in
   * location between chains.
   *
   * @return the bulk R-hat, or NaN for constant draws
   */
  public double bulk() {
    return bulk;
  }

  /**
   * R-hat of the rank-normalised folded split draws (section 4.3), sensitive to differences in
   * scale between chains.
   *
   * @return the tail (folded) R-hat, or NaN if the folded draws are constant
   */
  public double tail() {
    return tail;
  }

  /**
   * The reported R-hat, {@code max(bulk(), tail())}; NaN if either is NaN.
   *
   * @return the rank-normalised split R-hat
   */
  public double value() {
    return Math.max(bulk, tail);
  }

  @Override
  public String toString() {
    return "SplitRhat[value=" + value() + ", bulk=" + bulk + ", tail=" + tail + "]";
  }

  /**
   * Potential scale reduction factor of {@code m} (already split) chains of {@code n} draws
   * (BDA3 equations 11.2–11.4): with {@code B / n} the sample variance of the chain means and
   * {@code W} the mean of the within-chain sample variances,
   * {@code sqrt(((n - 1) / n * W + B / n) / W)}. NaN when the draws are constant.
   */
  static double potentialScaleReduction(double[][] chains) {
    if (Draws.isConstant(chains)) {
      return Double.NaN;
    }
    int m = chains.length;
    int n = chains[0].length;
    double[] chainMeans = new double[m];
    double meanWithin = 0.0;
    for (int c = 0; c < m; c++) {
      chainMeans[c] = Draws.mean(chains[c]);
      meanWithin += Draws.sampleVariance(chains[c]);
    }
    meanWithin /= m;
    double between = n * Draws.sampleVariance(chainMeans);
    return Math.sqrt((between / meanWithin + n - 1.0) / n);
  }
}
