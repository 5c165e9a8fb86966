package dev.pyrite.inference.diagnostics;

/**
 * Nested R-hat of Margossian, Hoffman, Sountsov, Riou-Durand, Vehtari and Gelman (2023), "Nested
 * R-hat: assessing the convergence of Markov chain Monte Carlo when running many short chains", for
 * chains grouped into K superchains of M chains each, the chains of a superchain sharing a starting
 * point. It stays meaningful when each chain is short, as long as there are many chains.
 *
 * <p>With N draws per chain, chain means {@code m_km}, superchain means {@code m_k} and overall mean
 * {@code m} (equations 15 and 16), {@code B_nu = var_k(m_k)}, {@code W_nu = mean_k(B~_k + W~_k)} with
 * {@code B~_k = var_m(m_km)} (0 when M = 1) and {@code W~_k} the mean over the superchain's chains of
 * their sample variances (0 when N = 1), and {@code nR-hat = sqrt(1 + B_nu / W_nu)} (all variances with
 * divisor n - 1). This is the value of R {@code posterior::rhat_nested()} (on the draws as given: no
 * splitting, rank normalisation or folding). The paper suggests {@code nR-hat < 1.01}.
 *
 * <p>Chains are grouped in order: chains {@code k M .. (k + 1) M - 1} form superchain k, as
 * {@link dev.pyrite.inference.mcmc.Superchains} lays out their starting points.
 */
public final class NestedRhat {

  private NestedRhat() {}

  /**
   * Nested R-hat of one scalar quantity.
   *
   * @param draws draws indexed {@code [chain][draw]}, all chains of the same length, all finite (at
   *     least one draw per chain)
   * @param superchains K, at least 2, dividing the number of chains
   * @return nested R-hat, or NaN when the draws are all equal (as {@code posterior} returns NA)
   * @throws IllegalArgumentException if the draws or K are invalid
   */
  public static double of(double[][] draws, int superchains) {
    validate(draws, superchains);
    if (Draws.isConstant(draws)) {
      return Double.NaN;
    }
    int chains = draws.length;
    int perSuperchain = chains / superchains;
    int n = draws[0].length;
    double[] superchainMeans = new double[superchains];
    double withinSuperchain = 0;
    for (int k = 0; k < superchains; k++) {
      double[] chainMeans = new double[perSuperchain];
      double withinChain = 0;
      for (int m = 0; m < perSuperchain; m++) {
        double[] chain = draws[k * perSuperchain + m];
        chainMeans[m] = Draws.mean(chain);
        withinChain += n == 1 ? 0 : Draws.sampleVariance(chain) / perSuperchain;
      }
      superchainMeans[k] = Draws.mean(chainMeans);
      double betweenChain = perSuperchain == 1 ? 0 : Draws.sampleVariance(chainMeans);
      withinSuperchain += (betweenChain + withinChain) / superchains;
    }
    double betweenSuperchain = Draws.sampleVariance(superchainMeans);
    return Math.sqrt(1 + betweenSuperchain / withinSuperchain);
  }

  private static void validate(double[][] draws, int superchains) {
    if (draws == null || draws.length == 0) {
      throw new IllegalArgumentException("nested R-hat: draws must contain at least one chain");
    }
    if (superchains < 2 || draws.length % superchains != 0) {
      throw new IllegalArgumentException("nested R-hat: superchains must be >= 2 and divide the " + draws.length
          + " chains, got " + superchains);
    }
    int n = draws[0].length;
    for (int c = 0; c < draws.length; c++) {
      if (draws[c] == null || draws[c].length != n || n == 0) {
        throw new IllegalArgumentException("nested R-hat: chain " + c + " must have " + n
            + " draws (as chain 0), at least 1");
      }
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(draws[c][i])) {
          throw new IllegalArgumentException("nested R-hat: draw " + i + " of chain " + c + " is " + draws[c][i]
              + ", expected a finite value");
        }
      }
    }
  }
}
