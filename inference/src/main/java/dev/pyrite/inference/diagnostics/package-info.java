/**
 * MCMC convergence and efficiency diagnostics on plain Java arrays.
 *
 * <p>Every diagnostic takes the draws of one scalar quantity as {@code double[][] draws},
 * indexed {@code [chain][draw]}. All chains must have the same length, at least
 * 4 draws each, and every draw must be finite; otherwise an
 * {@link IllegalArgumentException} explains what is wrong.
 *
 * <p>The methods follow Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021),
 * "Rank-normalization, folding, and localization: An improved R-hat for assessing convergence
 * of MCMC", <i>Bayesian Analysis</i> 16(2), 667–718, doi:10.1214/20-BA1221, as implemented by
 * Stan and by the R package {@code posterior}:
 *
 * <ul>
 *   <li>{@link dev.pyrite.inference.diagnostics.SplitRhat} – rank-normalised, folded split
 *       R-hat ({@code posterior::rhat});
 *   <li>{@link dev.pyrite.inference.diagnostics.EffectiveSampleSize} – bulk, tail and basic
 *       effective sample sizes ({@code ess_bulk}, {@code ess_tail}, {@code ess_basic});
 *   <li>{@link dev.pyrite.inference.diagnostics.McseMean} – Monte Carlo standard error of the
 *       mean ({@code mcse_mean});
 *   <li>{@link dev.pyrite.inference.diagnostics.Summary},
 *       {@link dev.pyrite.inference.diagnostics.SummaryRow} and
 *       {@link dev.pyrite.inference.diagnostics.SummaryTable} – a
 *       {@code summarise_draws()}-like table.
 * </ul>
 *
 * <p>As in {@code posterior}, a quantity whose draws are all equal has no defined R-hat or
 * effective sample size: those diagnostics are {@link Double#NaN} rather than an error.
 */
package dev.pyrite.inference.diagnostics;
