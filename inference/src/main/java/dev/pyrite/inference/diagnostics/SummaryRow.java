package dev.pyrite.inference.diagnostics;

import java.util.Objects;

/**
 * Summary statistics and convergence diagnostics of one named scalar quantity, one row of a
 * {@link SummaryTable}; the columns of R {@code posterior::summarise_draws()}. Usually built
 * with {@link Summary#of(String, double[][])}. Immutable.
 *
 * @param variable the name of the quantity
 * @param mean the mean of all draws
 * @param sd the sample standard deviation (divisor {@code N - 1}) of all draws
 * @param mcseMean the Monte Carlo standard error of the mean, see {@link McseMean}
 * @param q5 the 5% quantile of all draws (R type 7), see {@link Quantiles}
 * @param q50 the median of all draws (R type 7)
 * @param q95 the 95% quantile of all draws (R type 7)
 * @param rhat the rank-normalised split R-hat, see {@link SplitRhat}
 * @param essBulk the bulk effective sample size, see {@link EffectiveSampleSize#bulk}
 * @param essTail the tail effective sample size, see {@link EffectiveSampleSize#tail}
 * @param rhatNested nested R-hat over superchains (see {@link NestedRhat}), NaN when the chains are not
 *     grouped into superchains
 */
public record SummaryRow(
    String variable,
    double mean,
    double sd,
    double mcseMean,
    double q5,
    double q50,
    double q95,
    double rhat,
    double essBulk,
    double essTail,
    double rhatNested) {

  /**
   * Creates a row; the components are described in the class documentation.
   *
   * @param variable the name of the quantity, not null
   * @param mean the mean
   * @param sd the standard deviation
   * @param mcseMean the Monte Carlo standard error of the mean
   * @param q5 the 5% quantile
   * @param q50 the median
   * @param q95 the 95% quantile
   * @param rhat the R-hat
   * @param essBulk the bulk ESS
   * @param essTail the tail ESS
   * @throws NullPointerException if {@code variable} is null
   */
  public SummaryRow {
    Objects.requireNonNull(variable, "variable");
  }

  /**
   * A row without superchains: {@link #rhatNested()} is NaN.
   *
   * @param variable the name of the quantity, not null
   * @param mean the mean
   * @param sd the standard deviation
   * @param mcseMean the Monte Carlo standard error of the mean
   * @param q5 the 5% quantile
   * @param q50 the median
   * @param q95 the 95% quantile
   * @param rhat the R-hat
   * @param essBulk the bulk ESS
   * @param essTail the tail ESS
   */
  public SummaryRow(String variable, double mean, double sd, double mcseMean, double q5, double q50, double q95,
      double rhat, double essBulk, double essTail) {
    this(variable, mean, sd, mcseMean, q5, q50, q95, rhat, essBulk, essTail, Double.NaN);
  }
}
