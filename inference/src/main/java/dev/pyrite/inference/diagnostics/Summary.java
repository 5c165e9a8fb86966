package dev.pyrite.inference.diagnostics;

import java.util.Arrays;

/**
 * Computes a {@link SummaryRow} — mean, sd, MCSE of the mean, 5/50/95% quantiles, R-hat, bulk
 * and tail ESS — for one scalar quantity, like R {@code posterior::summarise_draws()} with its
 * default measures.
 *
 * <p>The moments and quantiles pool all draws of all chains. For constant draws the R-hat, ESS
 * and MCSE entries are {@link Double#NaN} (see {@link SplitRhat} and
 * {@link EffectiveSampleSize}).
 */
public final class Summary {

  private Summary() {}

  /**
   * Summarises the draws of one scalar quantity.
   *
   * @param variable the name of the quantity, used as the row label
   * @param draws draws indexed {@code [chain][draw]}: at least one chain, all of the same
   *     length, at least 4 draws each, all finite
   * @return the summary row
   * @throws IllegalArgumentException if the draws are invalid or {@code variable} is null
   */
  public static SummaryRow of(String variable, double[][] draws) {
    return of(variable, draws, 0);
  }

  /**
   * Summarises the draws of one scalar quantity whose chains are grouped into superchains (chains
   * {@code k M .. (k + 1) M - 1} form superchain k), adding {@link NestedRhat} to the row.
   *
   * @param variable the name of the quantity, used as the row label
   * @param draws draws indexed {@code [chain][draw]}, as for {@link #of(String, double[][])}
   * @param superchains K, at least 2 and dividing the number of chains; or 0 for no superchains
   *     (nested R-hat NaN)
   * @return the summary row
   * @throws IllegalArgumentException if the draws or K are invalid
   */
  public static SummaryRow of(String variable, double[][] draws, int superchains) {
    if (variable == null) {
      throw new IllegalArgumentException("variable name must not be null");
    }
    Draws.validate(draws);
    double[] pooled = Draws.pool(draws);
    double mean = Draws.mean(pooled);
    double sd = Math.sqrt(Draws.sampleVariance(pooled));
    double[] sorted = pooled.clone();
    Arrays.sort(sorted);
    return new SummaryRow(
        variable,
        mean,
        sd,
        McseMean.of(draws),
        Quantiles.type7Sorted(sorted, 0.05),
        Quantiles.type7Sorted(sorted, 0.50),
        Quantiles.type7Sorted(sorted, 0.95),
        SplitRhat.rhat(draws),
        EffectiveSampleSize.bulk(draws),
        EffectiveSampleSize.tail(draws),
        superchains == 0 ? Double.NaN : NestedRhat.of(draws, superchains));
  }
}
