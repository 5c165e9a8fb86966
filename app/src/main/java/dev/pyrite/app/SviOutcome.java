package dev.pyrite.app;

import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.diagnostics.SummaryTable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an SVI run: the fit, then {@code chains x samples} independent draws from the guide,
 * summarised as the draws of a run.
 *
 * @param model              the model
 * @param settings           the settings of the run
 * @param fit                the guide, the optimiser's settings and the loss of every step
 * @param draws              draws {@code [chain][draw]} of every reported quantity
 * @param groups             the site (or {@code return}) of every quantity
 * @param summary            the summary of {@code draws}
 * @param prepareSeconds     seconds to find the sites and build the guide
 * @param postprocessSeconds seconds to draw from the guide and evaluate the program's value
 * @param note               why something is missing from the outputs, or null
 */
public record SviOutcome(ModelInfo model, RunSettings settings, SviFit fit, Map<String, double[][]> draws,
                         Map<String, String> groups, SummaryTable summary, double prepareSeconds,
                         double postprocessSeconds, String note) implements RunResult {
    /** Keeps read-only views of the maps. */
    public SviOutcome {
        draws = Collections.unmodifiableMap(draws);
        groups = Collections.unmodifiableMap(groups);
    }

    @Override
    public double totalSeconds() {
        return prepareSeconds + fit.seconds() + postprocessSeconds;
    }

    /** SVI steps times particles: the gradient evaluations of the fit. */
    public long gradientEvaluations() {
        return (long) fit.steps() * fit.particles();
    }

    @Override
    public String statsLine() {
        return String.format(Locale.ROOT, "SVI (%s, Adam %s, %d particle%s): %d steps in %.1f s, final loss"
                        + " (negative ELBO) %.4g; %d draws from the guide; %.1f s in all",
                fit.guide(), fit.learningRate(), fit.particles(), fit.particles() == 1 ? "" : "s", fit.steps(),
                fit.seconds(), fit.finalLoss(), settings.chains() * settings.samples(), totalSeconds());
    }
}
