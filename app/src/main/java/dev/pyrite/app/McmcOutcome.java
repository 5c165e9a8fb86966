package dev.pyrite.app;

import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.diagnostics.SummaryTable;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a NUTS or HMC run.
 *
 * @param model              the model
 * @param settings           the settings of the run
 * @param posterior          the latent sites' draws in their constrained space
 * @param samples            the sampler's draws and statistics (step sizes, tree depths, energies...)
 * @param draws              draws {@code [chain][draw]} of every reported quantity
 * @param groups             the site (or {@code return}) of every quantity
 * @param summary            the summary of {@code draws}
 * @param prepareSeconds     seconds to compile the potential and find the sites
 * @param postprocessSeconds seconds to constrain the draws and evaluate the program's value at them
 * @param note               why something is missing from the outputs, or null
 * @param elbo               Pathfinder: the ELBO of the selected normal approximation; NaN for samplers
 */
public record McmcOutcome(ModelInfo model, RunSettings settings, Posterior posterior, McmcSamples samples,
                          Map<String, double[][]> draws, Map<String, String> groups, SummaryTable summary,
                          double prepareSeconds, double postprocessSeconds, String note, double elbo)
        implements RunResult {
    /** Keeps read-only views of the maps. */
    public McmcOutcome {
        draws = Collections.unmodifiableMap(draws);
        groups = Collections.unmodifiableMap(groups);
    }

    /** Seconds of warm-up (all chains together: they run as one batch). */
    public double warmupSeconds() {
        return samples.warmupSeconds();
    }

    /** Seconds of sampling after warm-up. */
    public double samplingSeconds() {
        return samples.samplingSeconds();
    }

    @Override
    public double totalSeconds() {
        return prepareSeconds + warmupSeconds() + samplingSeconds() + postprocessSeconds;
    }

    /** Gradient evaluations of all chains. */
    public long gradientEvaluations() {
        return samples.gradientEvaluations();
    }

    /** Divergent transitions after warm-up. */
    public long divergences() {
        return samples.divergences();
    }

    /** True when the adapted mass matrix is dense. */
    public boolean denseMass() {
        return samples.inverseMass().rank() == 3;
    }

    /** Minimum bulk ESS per second of the sampler, warm-up and sampling together. */
    public double essPerSecond() {
        // Chains run their own warm-ups and overlap, so only the whole sampler time is meaningful.
        return minEssBulk() / (warmupSeconds() + samplingSeconds());
    }

    @Override
    public String statsLine() {
        return String.format(Locale.ROOT, "%d chains x %d draws in %.1f s (warm-up %.1f s, sampling %.1f s);"
                        + " %d gradient evaluations; %d divergence%s; min bulk ESS %.0f, %.1f ESS/s (warm-up + sampling);"
                        + " max R-hat %.3f",
                settings.chains(), samples.drawCount(), totalSeconds(), warmupSeconds(), samplingSeconds(),
                gradientEvaluations(), divergences(), divergences() == 1 ? "" : "s", minEssBulk(), essPerSecond(),
                maxRhat()) + (Double.isNaN(elbo) ? "" : String.format(Locale.ROOT, "; ELBO %.2f", elbo));
    }
}
