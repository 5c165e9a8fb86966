package dev.pyrite.inference.mcmc;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.NestedRhat;
import dev.pyrite.inference.diagnostics.SplitRhat;
import java.util.function.IntFunction;

/**
 * A stopping rule's targets: the R-hat of every component at most {@code rhat} and its bulk ESS at least
 * {@code ess} (Vehtari et al. 2021). The R-hat is the rank-normalised split R-hat, or, for chains grouped
 * into {@code superchains} K &gt;= 2 that share starting points ({@link Superchains}), nested R-hat
 * (Margossian et al. 2023), which stays meaningful for many short chains. NaN leaves a target out.
 *
 * <pre>{@code
 * ConvergenceTargets rule = ConvergenceTargets.of(1.01, 2000).superchains(64);
 * boolean stop = rule.met(dimension, draws, d -> table.coordinate(d, draws));
 * }</pre>
 *
 * @param superchains K (nested R-hat), or 0 for split R-hat
 */
public record ConvergenceTargets(double rhat, double ess, int superchains) {
    /** Draws per chain below which the diagnostics are not computed (they need 4). */
    static final int MIN_DRAWS = 4;

    /** No targets: sampling spends its budget. */
    public static final ConvergenceTargets NONE = new ConvergenceTargets(Double.NaN, Double.NaN, 0);

    public ConvergenceTargets {
        if (!Double.isNaN(rhat) && !(rhat >= 1)) {
            throw new IllegalArgumentException("stopping rule: R-hat target must be >= 1, got " + rhat);
        }
        if (!Double.isNaN(ess) && !(ess > 0)) {
            throw new IllegalArgumentException("stopping rule: ESS target must be > 0, got " + ess);
        }
        if (superchains == 1 || superchains < 0) {
            throw new IllegalArgumentException("stopping rule: superchains must be 0 (split R-hat) or >= 2, got "
                    + superchains);
        }
    }

    /** Split R-hat at most {@code rhat} (NaN: no R-hat target) and bulk ESS at least {@code ess} (NaN: none). */
    public ConvergenceTargets(double rhat, double ess) {
        this(rhat, ess, 0);
    }

    /** Split R-hat at most {@code rhat} (NaN: no R-hat target) and bulk ESS at least {@code ess} (NaN: none). */
    public static ConvergenceTargets of(double rhat, double ess) {
        return new ConvergenceTargets(rhat, ess, 0);
    }

    /** The same targets with nested R-hat over {@code k} superchains (0: split R-hat again). */
    public ConvergenceTargets superchains(int k) {
        return new ConvergenceTargets(rhat, ess, k);
    }

    /** Whether there is any target. */
    public boolean any() {
        return !Double.isNaN(rhat) || !Double.isNaN(ess);
    }

    /** The R-hat the rule compares with its target: nested with superchains, else rank-normalised split. */
    public double rhatOf(double[][] x) {
        return superchains >= 2 ? NestedRhat.of(x, superchains) : SplitRhat.rhat(x);
    }

    /**
     * Whether every component meets the targets.
     *
     * @param component the draws {@code [chain][draw]} of component d
     */
    public boolean met(int dimension, int draws, IntFunction<double[][]> component) {
        if (draws < MIN_DRAWS) {
            return false;
        }
        for (int d = 0; d < dimension; d++) {
            double[][] x = component.apply(d);
            // NaN (constant draws) never meets a target: such a run goes on to its budget.
            if (!Double.isNaN(rhat) && !(rhatOf(x) <= rhat)) {
                return false;
            }
            if (!Double.isNaN(ess) && !(EffectiveSampleSize.bulk(x) >= ess)) {
                return false;
            }
        }
        return true;
    }
}
