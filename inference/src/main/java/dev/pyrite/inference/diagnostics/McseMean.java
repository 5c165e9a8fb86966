package dev.pyrite.inference.diagnostics;

/**
 * Monte Carlo standard error of the posterior mean estimate, {@code sd / sqrt(ESS)}, where
 * {@code sd} is the sample standard deviation of all draws pooled and {@code ESS} is the basic
 * (non-rank-normalised) split-chain effective sample size {@link EffectiveSampleSize#basic}.
 * This is {@code posterior::mcse_mean()}; see Vehtari et al. (2021), "Rank-normalization,
 * folding, and localization: An improved R-hat for assessing convergence of MCMC",
 * <i>Bayesian Analysis</i> 16(2), 667–718, section 3.2.
 *
 * <p>NaN when the ESS is undefined, in particular for constant draws.
 */
public final class McseMean {

  private McseMean() {}

  /**
   * Computes the Monte Carlo standard error of the mean of one scalar quantity.
   *
   * @param draws draws indexed {@code [chain][draw]}: at least one chain, all of the same
   *     length, at least 4 draws each, all finite
   * @return the MCSE of the mean, or NaN
   * @throws IllegalArgumentException if the draws are invalid
   */
  public static double of(double[][] draws) {
    double ess = EffectiveSampleSize.basic(draws);
    double sd = Math.sqrt(Draws.sampleVariance(Draws.pool(draws)));
    return sd / Math.sqrt(ess);
  }
}
