package dev.pyrite.inference.diagnostics;

import java.util.Arrays;

/**
 * Effective sample sizes (ESS) of MCMC draws, following Vehtari, Gelman, Simpson, Carpenter and
 * Bürkner (2021), "Rank-normalization, folding, and localization: An improved R-hat for
 * assessing convergence of MCMC", <i>Bayesian Analysis</i> 16(2), 667–718, section 3.2 and
 * appendix A, as implemented by Stan and R {@code posterior} ({@code ess_bulk},
 * {@code ess_tail}, {@code ess_basic}).
 *
 * <p>All three split the chains in halves. Autocovariances are computed per chain by FFT
 * ({@link Autocovariance}); the autocorrelation at lag {@code t} combines the chains as
 * {@code rho_t = 1 - (W - mean_c acov_c(t)) / var_plus} (equation 10), where {@code W} is the
 * mean within-chain variance and {@code var_plus = (n - 1) / n * W + B / n}. The sum of the
 * autocorrelations is truncated with Geyer's (1992) initial positive sequence, made monotone
 * with Geyer's initial monotone sequence, and {@code ESS = m n / tau} with
 * {@code tau = -1 + 2 sum_{t < T} rho_t + rho_T} (the last term is Stan's improvement for
 * antithetic chains), bounded so that {@code ESS <= m n log10(m n)}.
 *
 * <p>Results are {@link Double#NaN} when undefined, as {@code posterior} returns {@code NA}:
 * when the transformed draws are constant (in particular when all draws are equal) and when a
 * split half has fewer than 3 draws (fewer than 6 draws per chain).
 */
public final class EffectiveSampleSize {

  /** The tail ESS is the smaller of the ESS of these two quantiles. */
  private static final double LOWER_TAIL = 0.05;

  private static final double UPPER_TAIL = 0.95;

  private EffectiveSampleSize() {}

  /**
   * Bulk effective sample size: ESS of the rank-normalised split draws (section 4.2), a measure
   * of the efficiency of estimates in the bulk of the distribution such as the mean or median
   * that is robust to heavy tails.
   *
   * @param draws draws indexed {@code [chain][draw]}: at least one chain, all of the same
   *     length, at least 4 draws each, all finite
   * @return the bulk ESS, or NaN as described in the class documentation
   * @throws IllegalArgumentException if the draws are invalid
   */
  public static double bulk(double[][] draws) {
    Draws.validate(draws);
    return ofSplitChains(RankNormalization.zScale(Draws.split(draws)));
  }

  /**
   * Tail effective sample size: the smaller of the ESS of the 5% and 95% quantiles (section
   * 4.3), a measure of the efficiency of the estimates of the central 90% interval.
   *
   * @param draws draws indexed {@code [chain][draw]}, see {@link #bulk(double[][])}
   * @return the tail ESS, or NaN as described in the class documentation
   * @throws IllegalArgumentException if the draws are invalid
   */
  public static double tail(double[][] draws) {
    return Math.min(quantile(draws, LOWER_TAIL), quantile(draws, UPPER_TAIL));
  }

  /**
   * ESS of the {@code p}-quantile: the ESS of the split indicator draws
   * {@code I(x <= q_p)}, where {@code q_p} is the type-7 {@code p}-quantile of all draws
   * (section 4.3, {@code posterior::ess_quantile}).
   *
   * @param draws draws indexed {@code [chain][draw]}, see {@link #bulk(double[][])}
   * @param p a probability in {@code [0, 1]}
   * @return the quantile ESS, or NaN as described in the class documentation (including when
   *     the indicator is constant, e.g. for {@code p = 1})
   * @throws IllegalArgumentException if the draws are invalid or {@code p} is not in
   *     {@code [0, 1]}
   */
  public static double quantile(double[][] draws, double p) {
    Draws.validate(draws);
    double[] sorted = Draws.pool(draws);
    Arrays.sort(sorted);
    double q = Quantiles.type7Sorted(sorted, p);
    double[][] indicator = new double[draws.length][];
    for (int c = 0; c < draws.length; c++) {
      indicator[c] = new double[draws[c].length];
      for (int i = 0; i < draws[c].length; i++) {
        indicator[c][i] = draws[c][i] <= q ? 1.0 : 0.0;
      }
    }
    return ofSplitChains(Draws.split(indicator));
  }

  /**
   * Basic effective sample size: ESS of the split draws themselves, without rank normalisation
   * ({@code posterior::ess_basic}, also called {@code ess_mean}). This is the ESS of the sample
   * mean and is what {@link McseMean} uses; it assumes a finite variance.
   *
   * @param draws draws indexed {@code [chain][draw]}, see {@link #bulk(double[][])}
   * @return the basic ESS, or NaN as described in the class documentation
   * @throws IllegalArgumentException if the draws are invalid
   */
  public static double basic(double[][] draws) {
    Draws.validate(draws);
    return ofSplitChains(Draws.split(draws));
  }

  /**
   * Multi-chain ESS of {@code m} chains of {@code n} draws each, which the callers have already
   * split and transformed (Vehtari et al. 2021, equations 10–11 and appendix A).
   */
  static double ofSplitChains(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    if (n < 3 || Draws.isConstant(chains)) {
      return Double.NaN;
    }

    // Mean over chains of the biased autocovariance at every lag.
    double[] meanAcov = new double[n];
    double[] chainMeans = new double[m];
    for (int c = 0; c < m; c++) {
      double[] acov = Autocovariance.of(chains[c]);
      for (int t = 0; t < n; t++) {
        meanAcov[t] += acov[t];
      }
      chainMeans[c] = Draws.mean(chains[c]);
    }
    for (int t = 0; t < n; t++) {
      meanAcov[t] /= m;
    }

    // W: mean within-chain variance (divisor n - 1); var_plus: the pooled variance estimate
    // (n - 1)/n W + B/n of equation (3), B/n being the variance of the chain means.
    double meanVar = meanAcov[0] * n / (n - 1.0);
    double varPlus = meanVar * (n - 1.0) / n;
    if (m > 1) {
      varPlus += Draws.sampleVariance(chainMeans);
    }

    // Geyer's initial positive sequence: add autocorrelations in pairs (even lag t, odd lag
    // t+1) while the sum of the previous pair is positive; a negative pair is not kept.
    double[] rho = new double[n];
    double rhoEven = 1.0;
    double rhoOdd = 1.0 - (meanVar - meanAcov[1]) / varPlus;
    rho[0] = rhoEven;
    rho[1] = rhoOdd;
    int t = 0;
    while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0.0) {
      t += 2;
      rhoEven = 1.0 - (meanVar - meanAcov[t]) / varPlus;
      rhoOdd = 1.0 - (meanVar - meanAcov[t + 1]) / varPlus;
      if (rhoEven + rhoOdd >= 0.0) {
        rho[t] = rhoEven;
        rho[t + 1] = rhoOdd;
      }
    }
    int maxT = t;
    // Stan's improved estimate: keep a positive even-lag term at the truncation point, which
    // reduces the variance of the estimate for antithetic chains.
    if (rhoEven > 0.0) {
      rho[maxT] = rhoEven;
    }

    // Geyer's initial monotone sequence: pair sums must not increase.
    t = 0;
    while (t <= maxT - 4) {
      t += 2;
      if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
        rho[t] = (rho[t - 2] + rho[t - 1]) / 2.0;
        rho[t + 1] = rho[t];
      }
    }

    double total = (double) m * n;
    // tau = -1 + 2 sum_{t < maxT} rho_t + rho_maxT. When the sequence could not be extended at
    // all (maxT = 0, only for n <= 5) posterior's R code sums rho[1:0] = rho_0; do the same.
    double sum = 0.0;
    for (int lag = 0; lag < Math.max(maxT, 1); lag++) {
      sum += rho[lag];
    }
    double tau = -1.0 + 2.0 * sum + rho[maxT];
    // Safety bound from posterior/Stan: tau >= 1 / log10(m n), i.e. ESS <= m n log10(m n).
    tau = Math.max(tau, 1.0 / Math.log10(total));
    return total / tau;
  }
}
